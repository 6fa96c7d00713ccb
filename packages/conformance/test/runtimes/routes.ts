// Runs INSIDE workerd and edge-runtime, bundled with the built @decart-kit/core (see bundle.ts): no Node APIs here.
import { createFetchHandler, type FetchTokenHandler, type TokenRouteLogger } from "@decart-kit/core";

/** What the host passes in: Worker bindings in workerd, a global in edge-runtime. */
export interface RuntimeEnv {
  BASE_URL: string;
  API_KEY: string;
}

type Handler = FetchTokenHandler<[]>;

/** Everything the route reported (events and log lines), so the test can read it back over HTTP. */
const recorded: { logs: string[]; issued: unknown[]; denied: unknown[] } = { logs: [], issued: [], denied: [] };

const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
  recorded.logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
const logger: TokenRouteLogger = {
  debug: write("debug"),
  info: write("info"),
  warn: write("warn"),
  error: write("error"),
};

const clientIp = (request: Request) => request.headers.get("x-client-ip") ?? undefined;

function createRoutes(env: RuntimeEnv): Record<string, Handler> {
  const common = { apiKey: env.API_KEY, baseUrl: env.BASE_URL, logger, getIp: clientIp, timeoutMs: 2000 };
  return {
    "/open": createFetchHandler({ ...common, rateLimit: false }),
    "/origins": createFetchHandler({ ...common, rateLimit: false, allowedOrigins: ["https://app.example"] }),
    "/auth": createFetchHandler({
      ...common,
      rateLimit: false,
      allowedModels: ["lucy-2.1", "lucy-restyle-2"],
      authorize: ({ request }) => request.headers.get("authorization")?.replace(/^Bearer /, "") || null,
      onTokenIssued: (event) => void recorded.issued.push({ identity: event.identity, tokenHash: event.tokenHash }),
      onTokenDenied: (event) => void recorded.denied.push(event),
    }),
    "/limited": createFetchHandler({ ...common, rateLimit: { points: 2, duration: 60 } }),
    // No apiKey, and no DECART_API_KEY in these runtimes: created fine, refused at request time.
    "/nokey": createFetchHandler({ baseUrl: env.BASE_URL, logger, getIp: clientIp, rateLimit: false }),
  };
}

/** Proof of where this runs: workerd's user agent, the edge runtime's `EdgeRuntime` global. */
function runtimeName(): string {
  const edge = (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime;
  return typeof edge === "string" ? edge : (globalThis.navigator?.userAgent ?? "unknown");
}

let routes: Record<string, Handler> | undefined;

/** Routes by path; `/recorded` answers what the routes reported. */
export function handle(request: Request, env: RuntimeEnv): Promise<Response> | Response {
  routes ??= createRoutes(env);
  const { pathname } = new URL(request.url);
  if (pathname === "/recorded") {
    return Response.json({ ...recorded, runtime: runtimeName() }, { headers: { "cache-control": "no-store" } });
  }
  const route = routes[pathname];
  return route ? route(request) : Response.json({ notFound: true }, { status: 404 });
}
