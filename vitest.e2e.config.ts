import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Browser suites: real Chromium, the unmodified SDK, WebRTC over loopback. One file at a time keeps two
    // cores from starving the media plane and the browser at once.
    projects: ["packages/*/vitest.e2e.config.ts", "examples/*/vitest.e2e.config.ts"],
    fileParallelism: false,
    maxWorkers: 1,
  },
});
