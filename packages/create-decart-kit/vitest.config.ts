import { defineKitProject } from "../../vitest.shared";

export default defineKitProject({ test: { name: "create-decart-kit", environment: "node" } });
