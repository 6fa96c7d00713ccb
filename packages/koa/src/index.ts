import {
  checkRoutePath,
  handleTokenRequest,
  type RequestBodySource,
  resolvePolicy,
  type TokenPolicy,
} from "@decart-kit/core";
import type { Context, Next } from "koa";

export type { TokenIssuedEvent, TokenPolicy, TokenRequestContext, TokenRouteLogger } from "@decart-kit/core";
export { TokenPolicyError, TokenRouteError } from "@decart-kit/core";

/** The options of a Koa token route: the policy (functions receive the Koa `ctx` as `ctx.req`) plus its path. */
export interface KoaTokenRouteOptions<Identity = unknown> extends TokenPolicy<Identity, Context> {
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
 * @example app.use(createTokenRoute({ path: "/api/realtime-token", authorize: (ctx) => ctx.req.state.user }));
 */
export function createTokenRoute<Identity = unknown>(
  options: KoaTokenRouteOptions<Identity> = {},
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
    const request = { method: ctx.method, headers: ctx.headers, ip: ctx.ip, body: bodySource(ctx), req: ctx };
    const answer = await handleTokenRequest(request, resolved);
    // Headers before the body: Koa would otherwise pick a text/html Content-Type for a string body.
    ctx.status = answer.status;
    ctx.set(answer.headers);
    ctx.body = answer.body === "" ? null : answer.body;
  };
}
