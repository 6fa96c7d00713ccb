import { defineConfig } from "tsdown";

// A command, not a library: one ESM file that `npm create decart-kit` runs, no types to ship.
export default defineConfig({
  entry: ["src/cli.ts"],
  format: ["esm"],
  dts: false,
  platform: "node",
  target: "node20",
});
