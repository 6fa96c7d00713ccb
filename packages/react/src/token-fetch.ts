import {
  isErrorResponseBody,
  isQueuedResponseBody,
  isTokenResponseBody,
  type QueuedResponseBody,
} from "@decart-kit/core/protocol";
import { DecartRealtimeError, isAbort } from "./errors";
import type { QueuePosition, RealtimeToken, TokenAnswer, TokenEndpoint, TokenSourceOption } from "./types";

export const DEFAULT_TOKEN_ENDPOINT = "/api/realtime-token";

/** The endpoint form of a token source (`null` for a fetcher function, which has no URL to release a lease to). */
export function endpointOf(source: TokenSourceOption | undefined): TokenEndpoint | null {
  if (typeof source === "function") return null;
  if (typeof source === "string" || source === undefined) return { url: source ?? DEFAULT_TOKEN_ENDPOINT };
  return source;
}

async function post(endpoint: TokenEndpoint, body: object, init: RequestInit = {}): Promise<Response> {
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
  const body = { model: request.model, ...(request.ticket ? { ticket: request.ticket } : {}) };
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
 * A client token from a token source, waiting in the app's queue when the endpoint answers 202: it reports each
 * place through `onQueued`, waits `retryAfter` seconds and asks again with its ticket until admitted. Abort with
 * `signal`. `ticket` is the id of a lease you hold: the endpoint then mints on that slot (and renews the lease)
 * instead of counting a second session. Used by `useDecartRealtime`; usable by any other client of a decart-kit endpoint.
 * @example const token = await fetchToken("/api/realtime-token", { model: "lucy-2.1", signal });
 */
export async function fetchToken(
  source: TokenSourceOption | undefined,
  options: { model: string; signal: AbortSignal; onQueued?: (position: QueuePosition) => void; ticket?: string },
): Promise<RealtimeToken> {
  let ticket = options.ticket;
  for (;;) {
    const answer = await requestToken(source, { model: options.model, signal: options.signal, ticket });
    if (isTokenResponseBody(answer)) return answer;
    if (!isQueuedResponseBody(answer)) throw new DecartRealtimeError("token_fetch_failed", "Not a token");
    const { queued, retryAfter } = answer as QueuedResponseBody;
    ticket = queued.ticket;
    options.onQueued?.({ position: queued.position, queueSize: queued.size, source: "app" });
    await abortableDelay(Math.max(0.05, retryAfter) * 1000, options.signal);
  }
}

/**
 * Gives a session-admission lease back (`{ release: id }`), fire and forget: `keepalive` lets the request outlive
 * a closing page. The endpoint answers the same whether or not the lease was still held.
 */
export function releaseLease(source: TokenSourceOption | undefined, leaseId: string): void {
  const endpoint = endpointOf(source);
  if (!endpoint) return;
  post(endpoint, { release: leaseId }, { keepalive: true }).catch(() => {
    // Nothing to do: an unreleased lease frees itself at its expiry.
  });
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      reject(signal.reason ?? new DOMException("Aborted", "AbortError"));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", done);
      resolve();
    }, ms);
    if (signal.aborted) done();
    else signal.addEventListener("abort", done, { once: true });
  });
}
