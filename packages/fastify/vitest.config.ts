import { defineKitProject } from "../../vitest.shared";

export default defineKitProject({ test: { name: "fastify", environment: "node" } });
