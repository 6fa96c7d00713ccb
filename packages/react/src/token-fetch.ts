import { isErrorResponseBody, isQueuedResponseBody, isTokenResponseBody } from "@decart-kit/core/protocol";
import { DecartRealtimeError, isAbort } from "./errors";
import type { RealtimeToken, TokenAnswer, TokenEndpoint, TokenSourceOption } from "./types";

export const DEFAULT_TOKEN_ENDPOINT = "/api/realtime-token";

/** The endpoint form of a token source (`null` for a fetcher function, which has no URL to release a lease to). */
export function endpointOf(source: TokenSourceOption | undefined): TokenEndpoint | null {
  if (typeof source === "function") return null;
  if (typeof source === "string" || source === undefined) return { url: source ?? DEFAULT_TOKEN_ENDPOINT };
  return source;
}

export async function post(endpoint: TokenEndpoint, body: object, init: RequestInit = {}): Promise<Response> {
  const extra = typeof endpoint.headers === "function" ? await endpoint.headers() : endpoint.headers;
  return fetch(endpoint.url, {
    method: "POST",
    // The endpoint refuses bodies without this header (415): it is what makes a cross-site form post impossible.
    headers: { ...extra, "content-type": "application/json" },
    credentials: endpoint.credentials,
    body: JSON.stringify(body),
    ...init,
  });
}

/** One token request: a token, or a place in the app's queue (202). Errors are `DecartRealtimeError`s. */
export async function requestToken(
  source: TokenSourceOption | undefined,
  request: { model: string; signal: AbortSignal; ticket?: string },
): Promise<TokenAnswer> {
  // An empty model (a viewer that asks for none) leaves the choice to the route: the body is then `{}`.
  const body = {
    ...(request.model ? { model: request.model } : {}),
    ...(request.ticket ? { ticket: request.ticket } : {}),
  };
  if (typeof source === "function") return source({ model: request.model, signal: request.signal, body });
  const endpoint = endpointOf(source)!;
  let response: Response;
  try {
    response = await post(endpoint, body, { signal: request.signal });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new DecartRealtimeError("token_fetch_failed", `Token endpoint unreachable: ${endpoint.url}`, {
      cause: error,
      retryable: true,
    });
  }
  const answer: unknown = await response.json().catch(() => null);
  if (response.ok && (isTokenResponseBody(answer) || isQueuedResponseBody(answer))) return answer;
  const headerWait = Number(response.headers.get("retry-after")) || undefined;
  if (isErrorResponseBody(answer)) {
    const { code, message, retryable, retryAfter } = answer.error;
    throw new DecartRealtimeError(code, message, { retryable, retryAfter: retryAfter ?? headerWait });
  }
  throw new DecartRealtimeError("token_fetch_failed", `Token endpoint answered ${response.status}: ${endpoint.url}`, {
    retryable: response.status >= 500 || response.status === 429,
    retryAfter: headerWait,
  });
}

/**
 * A token from an endpoint without session admission. A queue (202) or a lease in the answer means the endpoint
 * admits sessions: that needs `admission` from `@decart-kit/react/admission`, said plainly instead of half-working.
 */
export async function fetchPlainToken(
  source: TokenSourceOption | undefined,
  request: { model: string; signal: AbortSignal },
): Promise<RealtimeToken> {
  const answer = await requestToken(source, request);
  if (isTokenResponseBody(answer) && !answer.lease) return answer;
  throw new DecartRealtimeError(
    "misconfigured",
    "Token endpoint queues or leases: pass `admission` (@decart-kit/react/admission)",
  );
}
