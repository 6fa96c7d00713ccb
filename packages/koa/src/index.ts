import {
  checkRoutePath,
  handleTokenRequest,
  type ModelName,
  type RequestBodySource,
  resolvePolicy,
  type TokenPolicy,
} from "@decart-kit/core";
import type { Context, Next } from "koa";

export type {
  TokenDeniedEvent,
  TokenIssuedEvent,
  TokenPolicy,
  TokenRequestContext,
  TokenRouteLogger,
} from "@decart-kit/core";
export { TokenPolicyError, TokenRouteError } from "@decart-kit/core";

/**
 * The options of a Koa token route: the policy (its functions receive Koa's `ctx` as `ctx.request`; Node's request
 * is `ctx.request.req`) plus its path.
 */
export interface KoaTokenRouteOptions<Identity = unknown, Model extends ModelName = string>
  extends TokenPolicy<Identity, Context, Model> {
  /**
   * The one path the middleware answers under `app.use()`; every other request goes to `next()`. Leave it out when
   * a router already matched the path (`router.post(path, createTokenRoute(policy))`): then it answers every
   * request it is given.
   * @default undefined (answer every request)
   * @example "/api/realtime-token"
   */
  path?: string;
}

/** A Koa middleware; typed loosely on `ctx` so it mounts on Koa 2 and 3 apps and on @koa/router routes alike. */
export type TokenRouteMiddleware = (ctx: Context, next: Next) => Promise<void>;

function bodySource(ctx: Context): RequestBodySource {
  // koa-bodyparser and @koa/bodyparser keep the text they read: parsing it again gives the route's own errors.
  const rawBody: unknown = (ctx.request as { rawBody?: unknown }).rawBody;
  if (typeof rawBody === "string") return { kind: "raw", bytes: rawBody };
  // Another parser consumed the stream without keeping the text: take its result.
  if (ctx.req.readableEnded) return { kind: "parsed", value: (ctx.request as { body?: unknown }).body };
  return { kind: "stream", stream: ctx.req };
}

/**
 * A Koa middleware that mints short-lived Decart client tokens under a policy validated now (a bad policy throws a
 * `TokenPolicyError` naming the option). Works on Koa 2 and 3, as `app.use(createTokenRoute({ path, ...policy }))`
 * or as a `@koa/router` route, with or without a body parser before it. Every answer, errors included, is the
 * JSON of the wire protocol: nothing is left to Koa's text/HTML error handler.
 * @example app.use(createTokenRoute({ path: "/api/realtime-token", authorize: (ctx) => ctx.request.state.user }));
 */
export function createTokenRoute<Identity = unknown, Model extends ModelName = string>(
  options: KoaTokenRouteOptions<Identity, Model> = {},
): TokenRouteMiddleware {
  const { path, ...policy } = options;
  checkRoutePath(path);
  const resolved = resolvePolicy(policy);

  return async function decartTokenRoute(ctx: Context, next: Next): Promise<void> {
    if (path !== undefined && ctx.path !== path) {
      await next();
      return;
    }
    // No abort signal, as in the Express route: timeoutMs bounds the call to Decart, and one per request costs CPU.
    const { method, headers, ip, protocol } = ctx;
    // Koa with `proxy` believes every X-Forwarded-For hop unless `maxIpsCount` says how many proxies there are.
    const proxyTrust = !ctx.app.proxy ? "none" : ctx.app.maxIpsCount > 0 ? "bounded" : "all";
    const request = { method, headers, ip, protocol, proxyTrust, body: bodySource(ctx), request: ctx } as const;
    const answer = await handleTokenRequest(request, resolved);
    // Headers before the body: Koa would otherwise pick a text/html Content-Type for a string body.
    ctx.status = answer.status;
    ctx.set(answer.headers);
    ctx.body = answer.body === "" ? null : answer.body;
  };
}
