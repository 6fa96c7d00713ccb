import { defineConfig } from "tsdown";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    protocol: "src/protocol.ts",
    opentelemetry: "src/opentelemetry.ts",
    // One per runtime; dist/index imports `#platform` and the package's import conditions pick one of them.
    "platform/node": "src/platform/node.ts",
    "platform/web": "src/platform/web.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  platform: "node",
  target: "node20",
  deps: { neverBundle: ["#platform", /^node:/] },
});
