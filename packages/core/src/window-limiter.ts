import type { TokenRateLimiter } from "./policy";

/** One key's count in its current window. */
export interface RateLimitWindow {
  /** Hits in this window, the one just recorded included. */
  count: number;
  /** When the window ends, in epoch milliseconds. */
  resetAt: number;
}

/**
 * Where the built-in fixed-window limiter keeps its counts. Back it with storage every instance sees (a Durable
 * Object, Upstash Redis, a database) to share one budget; Workers KV is eventually consistent, so it only
 * approximates a limit. `hit` must count atomically: two concurrent hits on one key must both be counted.
 */
export interface RateLimitStore {
  /** Records one hit on `key` and returns the window it fell in (a new window of `windowMs` if none is open). */
  hit(key: string, windowMs: number): Promise<RateLimitWindow>;
  /**
   * The open window of `key` without counting a hit, if any. Needed to throttle failed sign-ins in this store (the
   * route checks a client's failures before calling `authorize`); without it they are counted in memory.
   */
  peek?(key: string): Promise<RateLimitWindow | undefined>;
}

// Expired windows are swept on a hit once this many keys are held: no timer, so it also runs where timers may not
// be started outside a request (workerd's global scope).
const SWEEP_THRESHOLD = 1000;

/**
 * Counts in this process's (or isolate's) memory. On a single Node server that is the whole truth; on Workers and
 * edge runtimes each isolate counts on its own and isolates come and go, so the limit there is a best effort.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, RateLimitWindow>();
  #sweepAt = SWEEP_THRESHOLD;

  async hit(key: string, windowMs: number): Promise<RateLimitWindow> {
    const now = Date.now();
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.#windows.size >= this.#sweepAt) this.#sweep(now);
      window = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetAt: window.resetAt };
  }

  async peek(key: string): Promise<RateLimitWindow | undefined> {
    const window = this.#windows.get(key);
    return window && window.resetAt > Date.now() ? { ...window } : undefined;
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
    this.#sweepAt = Math.max(SWEEP_THRESHOLD, this.#windows.size * 2);
  }
}

/**
 * A fixed-window limiter over a `RateLimitStore`: `points` hits per `duration` seconds and key. When spent it
 * rejects the way rate-limiter-flexible does (`{ msBeforeNext }`), so the route treats both alike.
 */
export function createWindowLimiter(options: {
  points: number;
  duration: number;
  store: RateLimitStore;
}): WindowLimiter {
  const windowMs = options.duration * 1000;
  const { store } = options;
  const msBefore = (resetAt: number) => Math.max(0, resetAt - Date.now());
  return {
    async consume(key) {
      const { count, resetAt } = await store.hit(String(key), windowMs);
      if (count > options.points) throw { msBeforeNext: msBefore(resetAt) };
      return { remainingPoints: options.points - count };
    },
    ...(store.peek && {
      async get(key: string) {
        const window = await store.peek?.(key);
        return window ? { consumedPoints: window.count, msBeforeNext: msBefore(window.resetAt) } : null;
      },
    }),
  };
}

/** The built-in limiter: rate-limiter-flexible's `consume`, and its `get` when the store can peek. */
export interface WindowLimiter extends TokenRateLimiter {
  get?(key: string): Promise<{ consumedPoints: number; msBeforeNext: number } | null>;
}
