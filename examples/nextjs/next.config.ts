import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  // The shared page is TypeScript source in this workspace.
  transpilePackages: ["@examples/shared"],
  // The emulator (WebRTC in Node) runs as plain Node code, not bundled.
  serverExternalPackages: ["@decart-kit/emulator", "werift"],
  // `pnpm typecheck` (next typegen && tsc) checks the types; the build need not do it a second time.
  typescript: { ignoreBuildErrors: true },
};

export default config;
