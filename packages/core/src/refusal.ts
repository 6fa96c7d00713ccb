import type { RequestState } from "./handler";
import { corsHeaders } from "./origin";
import type { TokenDeniedEvent } from "./policy";
import type { ResolvedPolicy } from "./resolve-policy";
import { errorResponse, type TokenResponse, toRouteError } from "./response";

/** What a log line may say about who asked: the identity's name or id, never the whole (possibly private) object. */
function identityLabel(identity: unknown): string | number | undefined {
  if (typeof identity === "string" || typeof identity === "number") return identity;
  const id = (identity as { id?: unknown } | undefined)?.id;
  return typeof id === "string" || typeof id === "number" ? id : undefined;
}

/**
 * The answer to a request that gets no token: the wire error, logged (at `info` with who asked, `warn` for our own
 * or Decart's failures) and reported to `onTokenDenied`, whose own failure never changes the answer.
 */
export async function refusal(error: unknown, state: RequestState, policy: ResolvedPolicy): Promise<TokenResponse> {
  const routeError = toRouteError(error);
  const { code, status } = routeError;
  const headers: Record<string, string> = state.corsOrigin ? corsHeaders(state.corsOrigin) : {};
  if (code === "method_not_allowed") {
    const origins = policy.options.allowedOrigins;
    headers.allow = origins.fixed && !origins.value ? "POST" : "POST, OPTIONS";
  }
  // The unread rest of an oversized or stalled body is not worth receiving: close the connection after answering.
  if (code === "payload_too_large" || code === "request_timeout") headers.connection = "close";
  const { ctx } = state;
  const event: TokenDeniedEvent<unknown> = {
    code,
    status,
    identity: ctx.identity,
    ip: ctx.ip,
    origin: ctx.origin,
    model: ctx.body.model,
  };
  // A missing key is logged once, where it is detected; our own or Decart's failures deserve a warning.
  const log = status >= 500 && code !== "misconfigured" ? policy.logger.warn : policy.logger.info;
  log("token refused", { code, status, identity: identityLabel(ctx.identity), ip: ctx.ip, origin: ctx.origin });
  const { onTokenDenied } = policy;
  if (onTokenDenied) {
    try {
      await onTokenDenied(event);
    } catch (hookError) {
      policy.logger.error("onTokenDenied threw", { error: hookError });
    }
  }
  return errorResponse(routeError, headers);
}
