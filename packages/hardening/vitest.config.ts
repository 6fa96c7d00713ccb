import { defineKitProject } from "../../vitest.shared";

export default defineKitProject({
  test: {
    name: "hardening",
    environment: "node",
    // A real redis-server on 127.0.0.1:6390 for the tests that share limits across instances.
    globalSetup: ["./test/support/redis-global-setup.ts"],
    // The fuzz and fault files each run many requests; running them one after another keeps the 2-core machine usable.
    fileParallelism: false,
    testTimeout: 120_000,
  },
});
