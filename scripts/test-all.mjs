// The whole test run behind `npm test`, in order from cheapest to slowest, stopping at the first failure.
// It ends with the time each step took, so a slow step shows up in every CI log.

import { tmpdir } from "node:os";
import { join } from "node:path";
import { runOnLoopbackOnly } from "./lib/loopback.mjs";
import { run, runBeside } from "./lib/run.mjs";

const AS_A_USER = "packages/create-decart-kit/test/as-a-user.mjs";
// The create-decart-kit apps install from the registry (network, disk) while the unit tests use the CPU.
let appsInstalled;

const steps = [
  ["lint and format (biome)", (label) => run("pnpm", ["run", "--silent", "lint"], { label })],
  ["build packages", (label) => run("pnpm", ["run", "--silent", "build"], { label })],
  ["typecheck", (label) => run("pnpm", ["run", "--silent", "typecheck"], { label })],
  ["package checks (publint, attw)", (label) => run("node", ["scripts/check-packages.mjs"], { label })],
  ["bundle size budget (@decart-kit/react)", (label) => run("pnpm", ["run", "--silent", "size"], { label })],
  // Every vitest suite runs with no network but loopback: servers bind 127.0.0.1 and nothing may leave it.
  [
    "unit and integration tests",
    (label) => {
      appsInstalled = runBeside("node", [AS_A_USER, "--skip-build", "--phase", "prepare"], {
        label: "create-decart-kit apps: packed, created and installed with plain npm",
        logPath: join(tmpdir(), "create-decart-kit-prepare.log"),
      });
      // Awaited by the last step; a failure meanwhile must not go unhandled.
      appsInstalled.catch(() => {});
      return runOnLoopbackOnly("pnpm", ["exec", "vitest", "run"], { label });
    },
  ],
  // Real Chromium and the unmodified SDK against the emulator (WebRTC included), also on loopback only.
  ["browser end-to-end tests", (label) => run("node", ["scripts/run-e2e.mjs"], { label })],
  // Each create-decart-kit template as a user gets it: packed packages, plain npm install, the app's own browser test.
  [
    "create-decart-kit apps, installed and tested as a user would",
    async (label) => {
      await appsInstalled;
      await run("node", [AS_A_USER, "--skip-build", "--phase", "test"], { label });
    },
  ],
];

const seconds = (since) => ((Date.now() - since) / 1000).toFixed(0);
const started = Date.now();
const timings = [];
for (const [label, step] of steps) {
  const stepStarted = Date.now();
  try {
    await step(label);
  } catch (error) {
    // Exit now rather than when a step running beside ends.
    console.error(`\n✘ ${error.message}`);
    process.exit(1);
  }
  timings.push(`${seconds(stepStarted).padStart(5)} s  ${label}`);
}
console.log(`\n${timings.join("\n")}\n✔ all tests passed in ${seconds(started)} s`);
