import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each package (and each framework major) is its own project; browser end-to-end suites live in
    // vitest.e2e.config.ts because they need Chromium and a loopback-only network namespace.
    projects: ["packages/*/vitest.config.ts", "packages/*/vitest.react18.config.ts"],
    // After a run that included packages/conformance: its behaviour × adapter table (prints nothing otherwise).
    reporters: ["default", "./packages/conformance/table-reporter.ts"],
    // Vitest leaves one core free by default, which on a 2-core CI machine means one file at a time; most files
    // wait on sockets, so two workers cut the run from ~210 s to ~135 s here.
    maxWorkers: 2,
  },
});
