import type { Server } from "node:http";
import type { ViteDevServer } from "vite";

/**
 * Vite's dev server in middleware mode: the app's own server keeps serving its routes and hands everything
 * else to Vite, so the page and `/api/realtime-token` share one origin (no proxy, no CORS) and hot reload
 * rides on the same port through `hmr.server`.
 */
export async function createViteMiddleware(configFile: string, httpServer: Server): Promise<ViteDevServer> {
  const { createServer } = await import("vite");
  return createServer({
    configFile,
    appType: "spa",
    server: { middlewareMode: true, hmr: { server: httpServer } },
  });
}
