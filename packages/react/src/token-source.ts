import { DecartRealtimeError, isAbort, Superseded } from "./errors";
import { fetchPlainToken } from "./token-fetch";
import type { QueuePosition, RealtimeToken, SessionAdmission, TokenSourceOption } from "./types";

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

  readonly #source: () => TokenSourceOption | undefined;
  readonly #marginMs: () => number;
  readonly #onQueued: (position: QueuePosition) => void;
  readonly #heldLease: () => string | null;
  readonly #admission: () => SessionAdmission | undefined;

  constructor(
    source: () => TokenSourceOption | undefined,
    marginMs: () => number,
    onQueued: (position: QueuePosition) => void,
    heldLease: () => string | null,
    admission: () => SessionAdmission | undefined,
  ) {
    this.#source = source;
    this.#marginMs = marginMs;
    this.#onQueued = onQueued;
    this.#heldLease = heldLease;
    this.#admission = admission;
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
    const onQueued = (position: QueuePosition) => generation === this.#generation && this.#onQueued(position);
    // While a lease is held, its id is the ticket: the endpoint mints on the held slot instead of taking a second.
    const ticket = this.#heldLease() ?? undefined;
    const fetchToken = this.#admission()?.fetchToken ?? fetchPlainToken;
    const promise = fetchToken(this.#source(), { model, signal: controller.signal, onQueued, ticket }).then(
      (token) => {
        if (generation !== this.#generation) throw new Superseded();
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

  /** Forgets the cached token (its source changed, the server refused it, or it was used for a session). */
  invalidate(): void {
    this.#cached = null;
  }
}
