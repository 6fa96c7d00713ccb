import { defineKitProject } from "../../vitest.shared";

export default defineKitProject({ test: { name: "core", environment: "node" } });
