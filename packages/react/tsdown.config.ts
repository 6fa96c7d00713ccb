import { defineConfig } from "tsdown";

export default defineConfig({
  entry: { index: "src/index.ts", viewer: "src/viewer/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  platform: "browser",
  fixedExtension: true,
  target: "es2022",
  external: ["react", "react-dom", "@decartai/sdk", "@decart-kit/core/protocol"],
});
