import { fileURLToPath } from "node:url";
import { prepareServer, type RunningServer, type ServerOptions } from "@examples/shared/server";
import fastifyStatic from "@fastify/static";
import fastify from "fastify";
import { api } from "./app";

const exampleRoot = fileURLToPath(new URL("..", import.meta.url));

/** The API routes, then the page: through Vite in development, from the built files in production. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const { backend, server, origins, sessionSecret, vite, clientDir, running } = await prepareServer(
    options,
    exampleRoot,
  );
  // The shared server is already listening (so the app knows its origin): Fastify takes it instead of its own. A
  // request that arrives before Fastify is ready waits for it (Fastify's router is not set up until then).
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const app = fastify({
    serverFactory: (handler) =>
      server.on("request", (request, response) => void ready.then(() => handler(request, response))),
  });
  await app.register(api, {
    backend,
    origins,
    sessionSecret,
    tokenExpiresIn: options.tokenExpiresIn,
    maxSessionDuration: options.maxSessionDuration,
  });

  if (vite) {
    // Whatever no route answers goes to Vite: the page, its modules, hot reload.
    app.setNotFoundHandler((request, reply) => {
      reply.hijack();
      vite.middlewares(request.raw, reply.raw, () => reply.raw.writeHead(404).end());
    });
  } else {
    await app.register(fastifyStatic, { root: clientDir });
    // Any other page address gets the app too (`?model=` links, client-side routes).
    app.setNotFoundHandler((request, reply) => {
      const page =
        request.method === "GET" && !request.url.startsWith("/api/") && request.headers.accept?.includes("text/html");
      return page ? reply.sendFile("index.html") : reply.code(404).send({ error: "Not Found" });
    });
  }
  await app.ready();
  markReady();
  return { ...running, close: () => app.close().then(running.close) };
}
