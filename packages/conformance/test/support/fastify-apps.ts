import { decartTokenRoute } from "@decart-kit/fastify";
import fastify5 from "fastify";
import fastify4Module from "fastify4";
import { listen } from "../../../../test-support/listen";
import { type AppFactory, NOT_FOUND, ROUTE_PATH } from "./apps";

// Fastify 4 is installed side by side as `fastify4@npm:fastify@4`; the part of its API used here matches Fastify 5's.
const fastify4 = fastify4Module as unknown as typeof fastify5;

type Mount = "register with prefix" | "register with path" | "register with path inside a prefixed plugin";

function fastifyFactory(major: number, fastify: typeof fastify5, mount: Mount): AppFactory {
  return {
    adapter: `Fastify ${major}`,
    variant: mount,
    seesEveryMethod: true,
    answersBodyParserErrors: true,
    // Fastify reads the body with its own parser before the route runs; its own timeouts apply to it.
    parsesBodyBeforeRoute: true,
    async start(policy, options = {}) {
      // One trusted hop: the loopback proxy in front (Fastify 5 reads a hop count differently from Express and Koa).
      const app = fastify({ trustProxy: options.trustEveryProxy ? true : options.trustProxy ? "loopback" : false });
      if (mount === "register with prefix") await app.register(decartTokenRoute, { prefix: ROUTE_PATH, ...policy });
      else if (mount === "register with path") await app.register(decartTokenRoute, { path: ROUTE_PATH, ...policy });
      else {
        const [prefix, path] = [ROUTE_PATH.slice(0, ROUTE_PATH.lastIndexOf("/")), ROUTE_PATH.slice(4)];
        await app.register(async (api) => api.register(decartTokenRoute, { path, ...policy }), { prefix });
      }
      app.setNotFoundHandler((_request, reply) => reply.code(404).send(NOT_FOUND));
      // Listening through the shared helper: Fastify's own listen() cannot bind an IPv4-mapped host.
      await app.ready();
      const server = await listen(app.server, options.host);
      return { url: `${server.origin}${ROUTE_PATH}`, close: () => app.close() };
    },
  };
}

const MOUNTS: Mount[] = ["register with prefix", "register with path", "register with path inside a prefixed plugin"];

/** Both Fastify majors, each with every way of registering the plugin that the README promises. */
export const fastifyFactories: AppFactory[] = [
  ...MOUNTS.map((mount) => fastifyFactory(5, fastify5, mount)),
  ...MOUNTS.map((mount) => fastifyFactory(4, fastify4, mount)),
];
