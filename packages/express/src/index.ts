import {
  bodyParserErrorResponse,
  handleTokenRequest,
  type ModelName,
  type ProxyTrust,
  type RequestBodySource,
  resolvePolicy,
  type TokenPolicy,
  type TokenResponse,
} from "@decart-kit/core";
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from "express";

export type {
  TokenDeniedEvent,
  TokenIssuedEvent,
  TokenPolicy,
  TokenRequestContext,
  TokenRouteLogger,
} from "@decart-kit/core";
export { TokenPolicyError, TokenRouteError } from "@decart-kit/core";

/** The options of an Express token route: the policy; its functions receive the Express `req` as `ctx.request`. */
export type ExpressTokenRouteOptions<Identity = unknown, Model extends ModelName = string> = TokenPolicy<
  Identity,
  Request,
  Model
>;
/** @deprecated Renamed `ExpressTokenRouteOptions` (one naming scheme across adapters). */
export type ExpressTokenPolicy<Identity = unknown> = ExpressTokenRouteOptions<Identity>;

/**
 * The route, plus an error handler that answers a failed `express.json()` (malformed JSON, its size limit) with the
 * same JSON errors as the route. Express flattens handler arrays, so mount it like a single handler.
 */
export type TokenRoute = [RequestHandler, ErrorRequestHandler];

function bodySource(req: Request): RequestBodySource {
  // A body parser mounted earlier (express.json(), express.raw(), ...) has consumed the stream: take its result.
  const consumed = req.readableEnded || (req as { _body?: boolean })._body === true;
  if (!consumed) return { kind: "stream", stream: req };
  const body: unknown = req.body;
  if (typeof body === "string" || body instanceof Uint8Array) return { kind: "raw", bytes: body };
  return { kind: "parsed", value: body };
}

// Express keeps `trust proxy` as set: true believes every X-Forwarded-For hop, a count/list/function some.
function proxyTrust(req: Request): ProxyTrust {
  const setting: unknown = req.app.get("trust proxy");
  return setting === true ? "all" : setting ? "bounded" : "none";
}

function send(res: Response, response: TokenResponse): void {
  if (res.headersSent) return;
  res.writeHead(response.status, response.headers).end(response.body);
}

/**
 * An Express route that mints short-lived Decart client tokens under a policy validated now (a bad policy throws a
 * `TokenPolicyError` naming the option). Works on Express 4 and 5, as `app.use(path, route)` or
 * `app.post(path, route)`, with or without `express.json()` before it.
 * @example app.use("/api/realtime-token", createTokenRoute({ authorize: (ctx) => ctx.request.user ?? null }));
 */
export function createTokenRoute<Identity = unknown, Model extends ModelName = string>(
  policy: ExpressTokenRouteOptions<Identity, Model> = {},
): TokenRoute {
  const resolved = resolvePolicy(policy);
  // Under app.use(path, route) Express also hands us sub-paths; those belong to the rest of the app.
  const isOurs = (req: Request) => Boolean(req.route) || req.path === "/";

  function decartTokenRoute(req: Request, res: Response, next: NextFunction): void {
    if (!isOurs(req)) {
      next();
      return;
    }
    // No abort signal: the call to Decart is bounded by timeoutMs anyway, and one per request cost measurable CPU.
    const { method, headers, ip, protocol } = req;
    const request = { method, headers, ip, protocol, proxyTrust: proxyTrust(req), body: bodySource(req), request: req };
    handleTokenRequest(request, resolved).then((answer) => send(res, answer), next);
  }

  function decartTokenRouteParserErrors(error: unknown, req: Request, res: Response, next: NextFunction): void {
    const answer = isOurs(req) ? bodyParserErrorResponse(error, req.headers, resolved) : undefined;
    if (answer) send(res, answer);
    else next(error);
  }

  return [decartTokenRoute, decartTokenRouteParserErrors];
}
