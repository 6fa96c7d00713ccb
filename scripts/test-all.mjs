// The whole test run behind `npm test`, in order from cheapest to slowest, stopping at the first failure.

import { runOnLoopbackOnly } from "./lib/loopback.mjs";
import { run } from "./lib/run.mjs";

const steps = [
  () => run("pnpm", ["run", "--silent", "lint"], { label: "lint and format (biome)" }),
  () => run("pnpm", ["run", "--silent", "build"], { label: "build packages" }),
  () => run("pnpm", ["run", "--silent", "typecheck"], { label: "typecheck" }),
  () => run("node", ["scripts/check-packages.mjs"], { label: "package checks (publint, attw)" }),
  () => run("pnpm", ["run", "--silent", "size"], { label: "bundle size budget (@decart-kit/react)" }),
  // Every vitest suite runs with no network but loopback: servers bind 127.0.0.1 and nothing may leave it.
  () => runOnLoopbackOnly("pnpm", ["exec", "vitest", "run"], { label: "unit and integration tests" }),
  // Real Chromium and the unmodified SDK against the emulator (WebRTC included), also on loopback only.
  () => run("node", ["scripts/run-e2e.mjs"], { label: "browser end-to-end tests" }),
];

const started = Date.now();
for (const step of steps) await step();
console.log(`\n✔ all tests passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
