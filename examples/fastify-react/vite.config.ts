import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// The page lives in ./client; `vite build` writes it to ./dist, which the server serves in production.
export default defineConfig({
  root: fileURLToPath(new URL("./client", import.meta.url)),
  cacheDir: fileURLToPath(new URL("./node_modules/.vite", import.meta.url)),
  plugins: [react()],
  resolve: {
    // Inside the decart-kit repository this reads our packages from their TypeScript sources, so the page hot
    // reloads across them and needs no package build. Elsewhere the condition matches nothing: delete it.
    conditions: ["@decart-kit/source", ...defaultClientConditions],
  },
  build: {
    // livekit-client (pulled in by @decartai/sdk) is one ~510 kB chunk on its own; nothing to split there.
    chunkSizeWarningLimit: 600,
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
  },
});
