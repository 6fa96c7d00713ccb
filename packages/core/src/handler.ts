import { createHash } from "node:crypto";
import { checkBodyHeaders, headerValue, type RequestBodySource, readClientBody } from "./client-body";
import { TokenRouteError } from "./errors";
import { callUserFunction, evaluateOption, grantFor } from "./grant";
import { checkOrigin, corsHeaders, listedOrigin, preflightHeaders } from "./origin";
import type { GrantedTokenOptions, IncomingHeaders, TokenIssuedEvent, TokenRequestContext } from "./policy";
import type { TokenResponseBody } from "./protocol";
import { consumeRateLimit } from "./rate-limit";
import type { ResolvedPolicy } from "./resolve-policy";
import { emptyResponse, errorResponse, jsonResponse, type TokenResponse, toRouteError } from "./response";
import type { GrantedSession } from "./sessions/admission";
import { sessionStep } from "./sessions/route";
import { mintClientToken } from "./upstream";

/** One request, framework-free: what an adapter extracts from its framework's request. */
export interface TokenRequest<Req = unknown> {
  /** HTTP method, upper case. */
  method: string;
  /** Request headers, lower-case names (Node's `IncomingHttpHeaders` fits as is). */
  headers: IncomingHeaders;
  /** Client IP as the framework resolves it (proxy settings applied); the default rate-limit bucket. */
  ip: string | undefined;
  /** The body: the unread stream, a body parser's result, or raw bytes. */
  body: RequestBodySource;
  /** The framework's request object, handed to policy functions as `ctx.req`. */
  req: Req;
  /** Aborted when the client disconnects; cancels the call to Decart. */
  signal?: AbortSignal | undefined;
}

type AnyContext = TokenRequestContext<unknown, unknown>;

// node:crypto rather than crypto.subtle: the Web Crypto digest hops to the thread pool and cost more CPU than the
// rest of the route put together under load (measured with --cpu-prof during the server benchmark).
function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function baseContext(request: TokenRequest): AnyContext {
  const { req, headers, ip } = request;
  return { req, headers, ip, origin: headerValue(headers, "origin"), identity: undefined, body: {} };
}

async function answerPreflight(request: TokenRequest, policy: ResolvedPolicy): Promise<TokenResponse> {
  const origins = (await evaluateOption("allowedOrigins", policy, baseContext(request))) as string[] | undefined;
  if (!origins) {
    throw new TokenRouteError("method_not_allowed", "Use POST");
  }
  const origin = listedOrigin(origins, request.headers);
  if (!origin) throw new TokenRouteError("origin_not_allowed", "This origin may not request tokens");
  return emptyResponse(204, preflightHeaders(origin, request.headers));
}

async function identify(ctx: AnyContext, policy: ResolvedPolicy): Promise<unknown> {
  const { authorize } = policy;
  if (!authorize) return undefined;
  const identity = await callUserFunction("authorize", () => authorize(ctx), policy.logger);
  if (!identity) throw new TokenRouteError("unauthorized", "Sign in to request a token");
  return identity;
}

async function issue(request: TokenRequest, policy: ResolvedPolicy, cors: { origin?: string }): Promise<TokenResponse> {
  const origins = policy.options.allowedOrigins;
  // A fixed list is checked before the body is even read; a function's list once the caller is known.
  if (origins.fixed) checkOrigin(origins.value as string[] | undefined, request.headers);
  checkBodyHeaders(request.headers, policy.maxBodyBytes);
  const ctx = baseContext(request);
  ctx.body = await readClientBody(request.body, policy.maxBodyBytes);
  ctx.identity = await identify(ctx, policy);
  const granted = await grantFor(ctx, policy);
  if (!origins.fixed) {
    checkOrigin(granted.allowedOrigins, request.headers);
    cors.origin = listedOrigin(granted.allowedOrigins, request.headers);
  }
  const headers = cors.origin ? corsHeaders(cors.origin) : {};
  const session = await sessionStep(policy.sessions, ctx, granted, {
    logger: policy.logger,
    budgetMs: policy.timeoutMs,
    headers,
  });
  if (session && "answer" in session) return session.answer;
  // No token came of a granted slot (rate limit, Decart, a hook): the slot goes back at once.
  return mint(request, policy, ctx, granted, headers, session?.granted).catch(async (error) => {
    await session?.granted.giveBack();
    throw error;
  });
}

async function mint(
  request: TokenRequest,
  policy: ResolvedPolicy,
  ctx: AnyContext,
  granted: GrantedTokenOptions,
  headers: Record<string, string>,
  session: GrantedSession | undefined,
): Promise<TokenResponse> {
  const { rateLimit } = policy;
  if (rateLimit)
    await callUserFunction(
      "rateLimit",
      () => consumeRateLimit(rateLimit, ctx, { logger: policy.logger, budgetMs: policy.timeoutMs }),
      policy.logger,
    );
  const token = await mintClientToken(granted, { ...policy, signal: request.signal });
  const event: TokenIssuedEvent<unknown> = {
    identity: ctx.identity,
    ip: ctx.ip,
    origin: ctx.origin,
    model: ctx.body.model,
    granted,
    expiresAt: token.expiresAt,
    tokenHash: sha256Hex(token.apiKey),
  };
  policy.logger.info("token issued", { tokenHash: event.tokenHash, expiresAt: event.expiresAt, model: event.model });
  const { onTokenIssued } = policy;
  if (onTokenIssued) await callUserFunction("onTokenIssued", () => onTokenIssued(event), policy.logger);
  const body: TokenResponseBody = { ...token, ...(ctx.body.model === undefined ? {} : { model: ctx.body.model }) };
  if (session) body.lease = session.lease;
  return jsonResponse(200, body, headers);
}

/**
 * Answers one token request. Never throws: every failure is a wire-protocol error answer, and every answer carries
 * `Cache-Control: no-store`. Adapters build the `TokenRequest`, call this, and copy the `TokenResponse` out.
 */
export async function handleTokenRequest<Req>(
  request: TokenRequest<Req>,
  policy: ResolvedPolicy,
): Promise<TokenResponse> {
  const fixed = policy.options.allowedOrigins;
  const cors: { origin?: string } = {
    origin: fixed.fixed ? listedOrigin(fixed.value as string[] | undefined, request.headers) : undefined,
  };
  const method = request.method.toUpperCase();
  try {
    if (method === "OPTIONS") return await answerPreflight(request, policy);
    if (method !== "POST") throw new TokenRouteError("method_not_allowed", "Use POST");
    return await issue(request, policy, cors);
  } catch (error) {
    const routeError = toRouteError(error);
    const headers: Record<string, string> = cors.origin ? corsHeaders(cors.origin) : {};
    if (routeError.code === "method_not_allowed")
      headers.allow = fixed.fixed && !fixed.value ? "POST" : "POST, OPTIONS";
    // The unread rest of an oversized body is not worth receiving: close the connection after answering.
    if (routeError.code === "payload_too_large") headers.connection = "close";
    const log = routeError.status >= 500 ? policy.logger.warn : policy.logger.debug;
    log("token request failed", { code: routeError.code, status: routeError.status });
    return errorResponse(routeError, headers);
  }
}
