import { isErrorResponseBody, isTokenResponseBody } from "@decart-kit/core/protocol";
import { DecartRealtimeError, isAbort, Superseded } from "./errors";
import type { RealtimeToken, TokenFetcher } from "./types";

/**
 * Hands out client tokens: reuses the last one while it has more than `marginMs` left, runs at most one request at
 * a time (concurrent callers share it), and aborts a request that is no longer wanted. A generation counter drops
 * an answer that arrives after `cancel()`, even from a fetcher that ignores its AbortSignal.
 * Tokens live in memory only: never in localStorage, sessionStorage or cookies.
 */
export class TokenSource {
  #cached: { model: string; token: RealtimeToken } | null = null;
  #inflight: { model: string; promise: Promise<RealtimeToken>; controller: AbortController } | null = null;
  #generation = 0;

  readonly #fetcher: () => TokenFetcher;
  readonly #marginMs: () => number;

  constructor(fetcher: () => TokenFetcher, marginMs: () => number) {
    this.#fetcher = fetcher;
    this.#marginMs = marginMs;
  }

  get(model: string): Promise<RealtimeToken> {
    const cached = this.#cached;
    if (cached?.model === model && Date.parse(cached.token.expiresAt) - Date.now() > this.#marginMs()) {
      return Promise.resolve(cached.token);
    }
    if (this.#inflight?.model === model) return this.#inflight.promise;
    this.cancel();
    const generation = this.#generation;
    const controller = new AbortController();
    const promise = this.#fetcher()({ model, signal: controller.signal }).then(
      (token) => {
        if (generation !== this.#generation) throw new Superseded();
        if (!isTokenResponseBody(token)) {
          throw new DecartRealtimeError("token_fetch_failed", "Not a token");
        }
        this.#cached = { model, token };
        return token;
      },
      (error: unknown) => {
        if (generation !== this.#generation || (controller.signal.aborted && isAbort(error))) {
          throw new Superseded();
        }
        throw error instanceof DecartRealtimeError
          ? error
          : new DecartRealtimeError("token_fetch_failed", `Token fetch failed: ${error}`, { cause: error });
      },
    );
    this.#inflight = { model, promise, controller };
    const clear = () => {
      if (this.#inflight?.promise === promise) this.#inflight = null;
    };
    promise.then(clear, clear);
    return promise;
  }

  /** Aborts the request in flight; its answer, should one still come, is dropped. */
  cancel(): void {
    this.#generation++;
    this.#inflight?.controller.abort();
    this.#inflight = null;
  }

  /** Forgets the cached token (its source changed, or the server refused it). */
  invalidate(): void {
    this.#cached = null;
  }
}

/** The default fetcher: `POST <url>` with `{ model }`, answered per the decart-kit wire protocol. */
export function endpointFetcher(url: string): TokenFetcher {
  return async ({ model, signal }) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model }),
        signal,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new DecartRealtimeError("token_fetch_failed", `Token endpoint unreachable: ${url}`, {
        cause: error,
        retryable: true,
      });
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.ok && isTokenResponseBody(body)) return body;
    if (isErrorResponseBody(body)) {
      const { code, message, retryable, retryAfter } = body.error;
      throw new DecartRealtimeError(code, message, { retryable, retryAfter });
    }
    throw new DecartRealtimeError("token_fetch_failed", `Token endpoint answered ${response.status}: ${url}`, {
      retryable: response.status >= 500 || response.status === 429,
    });
  };
}
