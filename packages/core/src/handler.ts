import { sha256Hex } from "#platform";
import { checkBodyHeaders, headerValue, type RequestBodySource, readClientBody } from "./client-body";
import { TokenRouteError } from "./errors";
import { callUserFunction, evaluateOption, grantFor } from "./grant";
import { checkOrigin, corsHeaders, listedOrigin, preflightHeaders } from "./origin";
import type { GrantedTokenOptions, IncomingHeaders, TokenIssuedEvent, TokenRequestContext } from "./policy";
import type { TokenResponseBody } from "./protocol";
import type { ProxyTrust } from "./proxy-warnings";
import { consumeRateLimit } from "./rate-limit";
import { refusal } from "./refusal";
import type { ResolvedPolicy } from "./resolve-policy";
import { emptyResponse, jsonResponse, type TokenResponse } from "./response";
import type { GrantedSession } from "./sessions/admission";
import { sessionStep } from "./sessions/route";
import { withSignInThrottle } from "./sign-in-throttle";
import type { TokenRequestMeasurement } from "./telemetry";
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
  /** The framework's own request object, handed to policy functions as `ctx.request`. */
  request: Req;
  /** Aborted when the client disconnects; cancels the call to Decart. */
  signal?: AbortSignal | undefined;
  /** Set by `mintToken`: the caller already identified the user, so `authorize` is not called. */
  caller?: { identity: unknown } | undefined;
  /** The protocol the request arrived on as the framework knows it ("http", "https"): with `Host`, its own origin. */
  protocol?: string | undefined;
  /** How the framework resolved `ip` (see `ProxyTrust`); the route warns once about settings anyone can spoof. */
  proxyTrust?: ProxyTrust | undefined;
}

type AnyContext = TokenRequestContext<unknown, unknown>;

/** What one request went through, for the refusal event and the measurement. */
export interface RequestState {
  readonly ctx: AnyContext;
  upstreamAttempts: number;
  /** Set once the client is known to come from a listed origin: error answers then carry CORS headers too. */
  corsOrigin: string | undefined;
}

async function answerPreflight(request: TokenRequest, state: RequestState, policy: ResolvedPolicy) {
  const origins = (await evaluateOption("allowedOrigins", policy, state.ctx)) as string[] | undefined;
  if (!origins) throw new TokenRouteError("method_not_allowed", "Use POST");
  const origin = listedOrigin(origins, request.headers);
  if (!origin) throw new TokenRouteError("origin_not_allowed", "This origin may not request tokens");
  return emptyResponse(204, preflightHeaders(origin, request.headers));
}

async function identify(request: TokenRequest, ctx: AnyContext, policy: ResolvedPolicy): Promise<unknown> {
  const { authorize, logger } = policy;
  if (request.caller) {
    // mintToken: the caller's identity stands in for authorize; none is a 401 where the policy wants one.
    if (!request.caller.identity && authorize) throw new TokenRouteError("unauthorized", "Sign in to request a token");
    return request.caller.identity || undefined;
  }
  if (!authorize) return undefined;
  return withSignInThrottle(policy.signInThrottle, ctx.ip, { logger, budgetMs: policy.timeoutMs }, async () => {
    const identity = await callUserFunction("authorize", () => authorize(ctx), logger);
    if (!identity) throw new TokenRouteError("unauthorized", "Sign in to request a token");
    return identity;
  });
}

function upstreamObserver(state: RequestState, measurement: TokenRequestMeasurement | undefined) {
  return (durationMs: number, status: number | undefined) => {
    state.upstreamAttempts += 1;
    measurement?.upstreamAttempt(durationMs, status);
  };
}

async function issue(
  request: TokenRequest,
  state: RequestState,
  policy: ResolvedPolicy,
  measurement: TokenRequestMeasurement | undefined,
): Promise<TokenResponse> {
  const apiKey = policy.apiKey();
  const { ctx } = state;
  const origins = policy.options.allowedOrigins;
  // A fixed list is checked before the body is even read; a function's list once the caller is known.
  if (origins.fixed) checkOrigin(origins.value as string[] | undefined, request.headers, request.protocol);
  checkBodyHeaders(request.headers, policy.maxBodyBytes);
  ctx.body = await readClientBody(request.body, policy.maxBodyBytes, policy.bodyTimeoutMs);
  ctx.identity = await identify(request, ctx, policy);
  policy.checkClientAddress(request, ctx.identity);
  const granted = await grantFor(ctx, policy);
  if (!origins.fixed) {
    checkOrigin(granted.allowedOrigins, request.headers, request.protocol);
    state.corsOrigin = listedOrigin(granted.allowedOrigins, request.headers);
  }
  const headers = state.corsOrigin ? corsHeaders(state.corsOrigin) : {};
  const session = await sessionStep(policy.sessions, ctx, granted, {
    logger: policy.logger,
    budgetMs: policy.timeoutMs,
    headers,
  });
  if (session && "answer" in session) return session.answer;
  const minting: Minting = { request, state, policy, measurement, apiKey, granted, headers };
  // No token came of a granted slot (rate limit, Decart, a hook): the slot goes back at once.
  return mint(minting, session?.granted).catch(async (error) => {
    await session?.granted.giveBack();
    throw error;
  });
}

/** Everything the mint needs once the request is admitted. */
interface Minting {
  request: TokenRequest;
  state: RequestState;
  policy: ResolvedPolicy;
  measurement: TokenRequestMeasurement | undefined;
  apiKey: string;
  granted: GrantedTokenOptions;
  headers: Record<string, string>;
}

async function mint(minting: Minting, session: GrantedSession | undefined): Promise<TokenResponse> {
  const { request, state, policy, measurement, apiKey, granted, headers } = minting;
  const { ctx } = state;
  const { rateLimit } = policy;
  if (rateLimit)
    await callUserFunction(
      "rateLimit",
      () => consumeRateLimit(rateLimit, ctx, { logger: policy.logger, budgetMs: policy.timeoutMs }),
      policy.logger,
    );
  const onAttempt = upstreamObserver(state, measurement);
  const token = await mintClientToken(granted, { ...policy, apiKey, signal: request.signal, onAttempt });
  const event: TokenIssuedEvent<unknown> = {
    identity: ctx.identity,
    ip: ctx.ip,
    origin: ctx.origin,
    model: ctx.body.model,
    granted,
    expiresAt: token.expiresAt,
    tokenHash: await sha256Hex(token.apiKey),
  };
  policy.logger.info("token issued", { tokenHash: event.tokenHash, expiresAt: event.expiresAt, model: event.model });
  const { onTokenIssued } = policy;
  if (onTokenIssued) await callUserFunction("onTokenIssued", () => onTokenIssued(event), policy.logger);
  const body: TokenResponseBody = { ...token, ...(ctx.body.model === undefined ? {} : { model: ctx.body.model }) };
  if (session) body.lease = session.lease;
  return jsonResponse(200, body, headers);
}

/** What instrumentation calls an answer: the error code, or what the request got. */
function outcomeCode({ json, status }: TokenResponse): string {
  if (json && "error" in json) return json.error.code;
  if (json && "released" in json) return "released";
  if (status === 202) return "queued";
  return status === 200 ? "issued" : "preflight";
}

/**
 * Answers one token request. Never throws: every failure is a wire-protocol error answer, and every answer carries
 * `Cache-Control: no-store`. Adapters build the `TokenRequest`, call this, and copy the `TokenResponse` out;
 * `mintToken` calls it too, so routes and server functions share every check.
 */
export async function handleTokenRequest<Req>(
  request: TokenRequest<Req>,
  policy: ResolvedPolicy,
): Promise<TokenResponse> {
  const { request: frameworkRequest, headers, ip } = request;
  const origin = headerValue(headers, "origin");
  const ctx: AnyContext = { request: frameworkRequest, headers, ip, origin, identity: undefined, body: {} };
  const fixed = policy.options.allowedOrigins;
  const corsOrigin = fixed.fixed ? listedOrigin(fixed.value as string[] | undefined, headers) : undefined;
  const state: RequestState = { ctx, upstreamAttempts: 0, corsOrigin };
  const measurement = policy.telemetry?.start();
  let answer: TokenResponse;
  try {
    const method = request.method.toUpperCase();
    if (method === "OPTIONS") answer = await answerPreflight(request, state, policy);
    else if (method !== "POST") throw new TokenRouteError("method_not_allowed", "Use POST");
    else answer = await issue(request, state, policy, measurement);
  } catch (error) {
    answer = await refusal(error, state, policy);
  }
  measurement?.end({
    code: outcomeCode(answer),
    status: answer.status,
    model: ctx.body.model,
    upstreamAttempts: state.upstreamAttempts,
  });
  return answer;
}
