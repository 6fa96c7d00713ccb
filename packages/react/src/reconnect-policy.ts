import type { DecartRealtimeError } from "./errors";
import type { ReconnectOptions } from "./types";

export type ReconnectPolicy = Required<ReconnectOptions>;

export const DEFAULT_RECONNECT: ReconnectPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8000 };

/** After a drop, the first attempt waits this much at most: enough to spread a crowd, not enough to be seen. */
export const FIRST_ATTEMPT_JITTER_MS = 100;

export function reconnectPolicy(options: ReconnectOptions | false | undefined): ReconnectPolicy {
  if (options === false) return { ...DEFAULT_RECONNECT, attempts: 0 };
  return { ...DEFAULT_RECONNECT, ...options };
}

/**
 * Exponential backoff with "equal jitter": a random delay in the upper half of the doubled step, so many clients
 * dropped at once (a server restart) do not come back in lockstep, yet none retries immediately.
 */
export function backoffDelay(attempt: number, policy: ReconnectPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** The wait before retry number `retry` (1-based) after `error`: the backoff, or longer if the server asked. */
export function retryDelay(
  retry: number,
  error: DecartRealtimeError,
  policy: ReconnectPolicy,
  random: () => number,
): number {
  return Math.max(backoffDelay(retry, policy, random), (error.retryAfter ?? 0) * 1000);
}

/** A controller's backoff wait: `sleep` resolves after `ms`, or at once when `wake()` cuts it short (a new run). */
export class WakeableSleep {
  #wake: (() => void) | null = null;

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake(), ms);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
    });
  }

  wake(): void {
    this.#wake?.();
  }
}
