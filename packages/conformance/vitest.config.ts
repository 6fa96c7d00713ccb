import { defineKitProject } from "../../vitest.shared";

export default defineKitProject({ test: { name: "conformance", environment: "node" } });
