import { createReadStream } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareServer, type RunningServer, type ServerOptions } from "@examples/shared/server";
import serve from "koa-static";
import { createApp } from "./app";
import { viteMiddleware } from "./vite-middleware";

const exampleRoot = fileURLToPath(new URL("..", import.meta.url));

/** The API routes, then the page: through Vite in development, from the built files in production. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const { backend, server, origins, sessionSecret, vite, clientDir, running } = await prepareServer(
    options,
    exampleRoot,
  );
  const app = createApp({
    backend,
    origins,
    sessionSecret,
    tokenExpiresIn: options.tokenExpiresIn,
    maxSessionDuration: options.maxSessionDuration,
  });

  if (vite) {
    app.use(viteMiddleware(vite));
  } else {
    app.use(serve(clientDir));
    // Any other page address gets the app too (`?model=` links, client-side routes).
    app.use(async (ctx, next) => {
      if (ctx.method !== "GET" || ctx.path.startsWith("/api/") || !ctx.accepts("html")) return next();
      ctx.type = "html";
      ctx.body = createReadStream(join(clientDir, "index.html"));
    });
  }
  server.on("request", app.callback());
  return running;
}
