import { defineKitProject } from "../../vitest.shared";

export default defineKitProject({
  test: {
    name: "nextjs:e2e",
    include: ["test/**/*.e2e.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
