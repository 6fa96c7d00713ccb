import { defineConfig } from "tsdown";

export default defineConfig({
  // The main entry stays small; the optional parts are their own entries, so apps that do not import them pay nothing.
  entry: {
    index: "src/index.ts",
    viewer: "src/viewer/index.ts",
    devices: "src/devices.ts",
    quality: "src/quality.ts",
    provider: "src/provider.tsx",
    admission: "src/admission.ts",
    controller: "src/controller.ts",
    testing: "src/testing/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  platform: "browser",
  fixedExtension: true,
  target: "es2022",
  // Everything here runs in the browser: React Server Components frameworks must treat it as client code.
  banner: { js: '"use client";' },
  external: ["react", "@decartai/sdk", "@decart-kit/core/protocol"],
});
