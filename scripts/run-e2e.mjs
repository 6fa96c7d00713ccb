// `pnpm test:e2e`: the browser suites alone, inside a loopback-only network namespace.
import { runOnLoopbackOnly } from "./lib/loopback.mjs";

await runOnLoopbackOnly(
  "pnpm",
  ["exec", "vitest", "run", "--config", "vitest.e2e.config.ts", ...process.argv.slice(2)],
  {
    label: "browser end-to-end tests",
  },
);
