import type { Server } from "node:http";
import { clientIp, createFetchHandler } from "@decart-kit/core";
import { createAdaptorServer, type HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import { listen } from "../../../../test-support/listen";
import { type AppFactory, NOT_FOUND, ROUTE_PATH, type StartOptions } from "./apps";

type Host = "bare handler on @hono/node-server" | "Hono app route";

/** The IP as a deployment would read it: from the one trusted proxy's entry when there is one, else the socket. */
function ipSource({ trustProxy }: StartOptions) {
  const behindProxy = clientIp.rightmost(1);
  return (request: Request, env: HttpBindings) =>
    trustProxy ? behindProxy(request) : env.incoming.socket.remoteAddress;
}

function fetchFactory(host: Host): AppFactory {
  return {
    adapter: "Fetch",
    variant: host,
    seesEveryMethod: true,
    answersBodyParserErrors: true,
    async start(policy, options = {}) {
      const handler = createFetchHandler({ ...policy, getIp: ipSource(options) });
      let fetch: (request: Request, env: HttpBindings) => Response | Promise<Response>;
      if (host === "Hono app route") {
        const app = new Hono<{ Bindings: HttpBindings }>();
        app.all(ROUTE_PATH, (c) => handler(c.req.raw, c.env));
        app.notFound((c) => c.json(NOT_FOUND, 404));
        fetch = app.fetch;
      } else {
        // What a file-system router (Next.js) does before calling the handler: match the path.
        fetch = (request, env) =>
          new URL(request.url).pathname === ROUTE_PATH
            ? handler(request, env)
            : Response.json(NOT_FOUND, { status: 404 });
      }
      // A plain HTTP/1 server: the bindings are always Node's { incoming, outgoing }.
      const server = await listen(createAdaptorServer({ fetch: fetch as never }) as Server, options.host);
      return { url: `${server.origin}${ROUTE_PATH}`, close: server.close };
    },
  };
}

/** The Fetch handler, served over real HTTP by Hono's Node server, bare and inside a Hono app. */
export const fetchFactories: AppFactory[] = [
  fetchFactory("bare handler on @hono/node-server"),
  fetchFactory("Hono app route"),
];
