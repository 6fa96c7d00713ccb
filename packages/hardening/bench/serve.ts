// One process of the benchmarks, chosen by argv[2]: the emulator standing in for Decart, or a token route —
// `<framework>-ours` (our adapter) or `<framework>-hand-written` (the backend route from Decart's docs) for Express,
// Koa and Fastify. Prints "READY <url>" once listening, and answers "cpu" / "memory" messages for the benchmark.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createFetchHandler, type TokenPolicy } from "@decart-kit/core";
import { openTelemetry } from "@decart-kit/core/opentelemetry";
import { startEmulator } from "@decart-kit/emulator";
import { createTokenRoute as expressTokenRoute } from "@decart-kit/express";
import { decartTokenRoute } from "@decart-kit/fastify";
import { createTokenRoute as koaTokenRoute } from "@decart-kit/koa";
import { createDecartClient } from "@decartai/sdk";
import { createAdaptorServer } from "@hono/node-server";
import express from "express";
import fastify, { type FastifyInstance } from "fastify";
import Koa from "koa";
import { childrenCpuUs, startEdgeRuntime, startWorkerd } from "./runtime-hosts";

const BENCH_KEY = "bench-permanent-key";
const BENCH_AUTH = "Bearer bench-user";
const PATH = "/api/realtime-token";

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
}

async function listenFastify(app: FastifyInstance): Promise<string> {
  return `${await app.listen({ port: 0, host: "127.0.0.1" })}${PATH}`;
}

/** The same policy for every adapter: authorize, a model list, zod validation, the rate limit out of the way. */
function policy(decartUrl: string): TokenPolicy<{ id: string }> {
  return {
    apiKey: BENCH_KEY,
    baseUrl: decartUrl,
    authorize: ({ headers }) => (headers.authorization === BENCH_AUTH ? { id: "bench-user" } : null),
    allowedModels: ["lucy-2.1", "lucy-2.5"],
    expiresIn: 60,
    // The default (10 per minute) would answer 429 within a second of load: raise it out of the way.
    rateLimit: { points: 1_000_000, duration: 60 },
    logger: false,
  };
}

// What Decart's docs show for a backend: a route that calls the SDK's tokens.create() and returns the result.
function mintWithSdk(decartUrl: string) {
  const client = createDecartClient({ apiKey: BENCH_KEY, baseUrl: decartUrl });
  return async (): Promise<{ status: number; body: unknown }> => {
    try {
      return { status: 200, body: await client.tokens.create() };
    } catch {
      return { status: 500, body: { error: "Failed to create token" } };
    }
  };
}

/** The Fetch handler on Node, served by @hono/node-server as a Hono or Next.js deployment would be. */
async function listenFetch(handler: (request: Request) => Promise<Response>): Promise<string> {
  const server = createAdaptorServer({ fetch: (request: Request) => handler(request) }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
}

const routes: Record<string, (decartUrl: string) => Promise<string>> = {
  "fetch-ours": (url) => listenFetch(createFetchHandler(policy(url))),
  // The OpenTelemetry API loaded and on, with no SDK registered: what the instrumentation costs when nobody reads it.
  "fetch-ours-otel": (url) => listenFetch(createFetchHandler({ ...policy(url), telemetry: openTelemetry() })),
  "fetch-workerd": (url) => startWorkerd({ BASE_URL: url, API_KEY: BENCH_KEY }),
  "fetch-edge-runtime": (url) => startEdgeRuntime({ BASE_URL: url, API_KEY: BENCH_KEY }),
  "express-ours": (url) => listen(express().use(PATH, expressTokenRoute(policy(url)))),
  "express-hand-written": (url) => {
    const mint = mintWithSdk(url);
    return listen(
      express().post(PATH, async (_req, res) => {
        const { status, body } = await mint();
        res.status(status).json(body);
      }),
    );
  },
  "koa-ours": (url) => listen(new Koa().use(koaTokenRoute({ path: PATH, ...policy(url) })).callback()),
  "koa-hand-written": (url) => {
    const mint = mintWithSdk(url);
    const app = new Koa().use(async (ctx, next) => {
      if (ctx.path !== PATH || ctx.method !== "POST") return next();
      const { status, body } = await mint();
      ctx.status = status;
      ctx.body = body;
    });
    return listen(app.callback());
  },
  "fastify-ours": async (url) => {
    const app = fastify();
    // The plugin's default logger, request.log (Fastify's logger is off by default, as in the hand-written app).
    await app.register(decartTokenRoute, { path: PATH, ...policy(url), logger: undefined });
    return listenFastify(app);
  },
  "fastify-hand-written": (url) => {
    const mint = mintWithSdk(url);
    const app = fastify();
    app.post(PATH, async (_request, reply) => {
      const { status, body } = await mint();
      return reply.code(status).send(body);
    });
    return listenFastify(app);
  },
};

const [role = "", decartUrl = ""] = process.argv.slice(2);
if (role === "emulator") {
  const emulator = await startEmulator({ apiKeys: [BENCH_KEY] });
  console.log(`READY ${emulator.url}`);
} else {
  const start = routes[role];
  if (!start) throw new Error(`unknown role ${role}`);
  console.log(`READY ${await start(decartUrl)}`);
}

// CPU time is the figure a loaded, shared machine cannot distort much: the benchmark asks for it around each run.
// Memory is read after a full collection when the process runs with --expose-gc (the RSS benchmark does).
process.on("message", (message) => {
  if (message === "cpu") {
    // workerd runs in a child process of its own: count it with ours.
    const usage = process.cpuUsage();
    process.send?.(role === "fetch-workerd" ? { user: usage.user + childrenCpuUs(), system: usage.system } : usage);
  }
  if (message === "memory") {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.(process.memoryUsage());
  }
});

// Exit cleanly when the benchmark is done with us (lets `--cpu-prof` write its profile).
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => process.exit(0));
