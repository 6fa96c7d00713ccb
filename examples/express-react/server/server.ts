import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareServer, type RunningServer, type ServerOptions } from "@examples/shared/server";
import express from "express";
import { createApp } from "./app";

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
    app.use(vite.middlewares);
  } else {
    app.use(express.static(clientDir, { index: "index.html" }));
    // Any other page address gets the app too (`?model=` links, client-side routes).
    app.use((req, res, next) => {
      if (req.method === "GET" && !req.path.startsWith("/api/") && req.accepts("html")) {
        res.sendFile(join(clientDir, "index.html"));
      } else next();
    });
  }
  server.on("request", app);
  return running;
}
