import { defineKitProject } from "../../vitest.shared";

export default defineKitProject({ test: { name: "express", environment: "node" } });
