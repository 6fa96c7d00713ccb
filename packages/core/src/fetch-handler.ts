import { requireClientAddressSource } from "./client-ip";
import { TokenRouteError } from "./errors";
import { handleTokenRequest } from "./handler";
import type { ModelName } from "./models";
import type { TokenPolicy } from "./policy";
import { describeValue, TokenPolicyError } from "./policy-error";
import { resolvePolicy } from "./resolve-policy";
import { errorResponse, type TokenResponse } from "./response";

/**
 * The options of a Fetch API token handler: the policy (its functions receive the `Request` as `ctx.request`) plus
 * where the client IP comes from, which a `Request` does not carry. `Platform` is whatever the runtime passes after
 * the request (Bun's `server`, Deno's `info`, @hono/node-server's `{ incoming }`), handed to `getIp` as is.
 */
export interface FetchTokenHandlerOptions<
  Identity = unknown,
  Platform extends unknown[] = [],
  Model extends ModelName = string,
> extends TokenPolicy<Identity, Request, Model> {
  /**
   * The client IP: the default rate-limit bucket of callers `authorize` does not name, and the bucket of failed
   * sign-ins. Read it the way your platform exposes it: a preset from `clientIp` for a header only your platform
   * sets, or the runtime's socket address. Never the leftmost `X-Forwarded-For`: the client writes that one.
   * @default undefined (required without `authorize`: creation throws rather than put every caller in one bucket)
   * @example clientIp.vercel // or clientIp.cloudflare, clientIp.rightmost(1) behind one proxy you run
   * @example (request, server) => server.requestIP(request)?.address // Bun.serve({ fetch: handler })
   */
  getIp?: (request: Request, ...platform: Platform) => string | null | undefined;
}

/** @deprecated Renamed `FetchTokenHandlerOptions` (one naming scheme across adapters). */
export type FetchHandlerOptions<Identity = unknown, Platform extends unknown[] = []> = FetchTokenHandlerOptions<
  Identity,
  Platform
>;

/**
 * `(request) => Promise<Response>`: a Next.js route handler (Node.js or Edge runtime), a Cloudflare Worker, a
 * Hono/Bun/Deno fetch handler. Arguments after the request go to `getIp`; more than it declares are accepted (Next
 * passes `{ params }`, Workers pass `env` and `ctx`).
 */
export type FetchTokenHandler<Platform extends unknown[] = []> = (
  request: Request,
  ...platform: [...Platform, ...unknown[]]
) => Promise<Response>;

// "https:" → "https"; a Request always has an absolute URL.
const protocolOf = (request: Request) => request.url.slice(0, request.url.indexOf(":"));

function toFetchResponse(answer: TokenResponse): Response {
  // A preflight's 204 must have no body at all, not an empty one.
  return new Response(answer.body === "" ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/**
 * A Web-standard token endpoint under a policy validated now (a bad policy throws a `TokenPolicyError` naming the
 * option; the API key is read at the first request). Runs on Node, Bun, Deno, Cloudflare Workers and Vercel's
 * edge runtime. Route it yourself: it answers every request it is given (POST mints, OPTIONS answers CORS preflights for
 * `allowedOrigins`, anything else is 405).
 * @example
 * // app/api/realtime-token/route.ts (Next.js App Router)
 * export const POST = createFetchHandler({ authorize: async () => (await auth())?.user ?? null });
 */
export function createFetchHandler<
  Identity = unknown,
  Platform extends unknown[] = [],
  Model extends ModelName = string,
>(options: FetchTokenHandlerOptions<Identity, Platform, Model> = {}): FetchTokenHandler<Platform> {
  const { getIp, ...policy } = options;
  if (getIp !== undefined && typeof getIp !== "function") {
    throw new TokenPolicyError([
      { option: "getIp", expected: "a function (request) => client IP", received: describeValue(getIp) },
    ]);
  }
  const resolved = resolvePolicy(policy);
  requireClientAddressSource(options);

  return async function decartTokenHandler(request, ...platform) {
    let ip: string | undefined;
    try {
      ip = getIp?.(request, ...(platform as unknown[] as Platform)) ?? undefined;
    } catch (error) {
      resolved.logger.error("getIp threw", { error });
      return toFetchResponse(errorResponse(new TokenRouteError("internal_error", "The token route failed")));
    }
    const headers = Object.fromEntries(request.headers);
    const body = { kind: "stream", stream: request.body } as const;
    const answer = await handleTokenRequest(
      { method: request.method, headers, ip, body, request, signal: request.signal, protocol: protocolOf(request) },
      resolved,
    );
    return toFetchResponse(answer);
  };
}
