import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The page lives in ./client; `vite build` writes it to ./dist, which the server serves in production.
export default defineConfig({
  root: fileURLToPath(new URL("./client", import.meta.url)),
  plugins: [react()],
  build: {
    // livekit-client (pulled in by @decartai/sdk) is one ~510 kB chunk on its own; nothing to split there.
    chunkSizeWarningLimit: 600,
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
  },
});
