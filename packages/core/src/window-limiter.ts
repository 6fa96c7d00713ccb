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
}): TokenRateLimiter {
  const windowMs = options.duration * 1000;
  return {
    async consume(key) {
      const { count, resetAt } = await options.store.hit(String(key), windowMs);
      if (count > options.points) throw { msBeforeNext: Math.max(0, resetAt - Date.now()) };
      return { remainingPoints: options.points - count };
    },
  };
}
