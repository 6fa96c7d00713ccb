import { defineKitProject } from "../../vitest.shared";

/**
 * Browser end-to-end tests: real Chromium, the unmodified @decartai/sdk, WebRTC to the emulator over loopback.
 * Run through `pnpm test:e2e`, which puts them in a loopback-only network namespace.
 */
export default defineKitProject({
  test: {
    name: "emulator:e2e",
    environment: "node",
    include: ["test/e2e/**/*.e2e.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
