import { defineKitProject } from "../../vitest.shared";

export default defineKitProject({ test: { name: "koa", environment: "node" } });
