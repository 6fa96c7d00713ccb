import { defineKitProject } from "../../vitest.shared";

export default defineKitProject({
  test: {
    name: "fastify-react:e2e",
    include: ["test/**/*.e2e.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
