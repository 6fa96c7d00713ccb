import { defineKitProject } from "../../vitest.shared";

/**
 * The hook in real Chromium with the unmodified @decartai/sdk against the emulator (control and media planes).
 * Run through `pnpm test:e2e`, which puts it in a loopback-only network namespace.
 */
export default defineKitProject({
  test: {
    name: "react:e2e",
    environment: "node",
    include: ["test/e2e/**/*.e2e.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
