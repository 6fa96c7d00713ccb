import type { ReconnectOptions } from "./types";

export type ReconnectPolicy = Required<ReconnectOptions>;

export const DEFAULT_RECONNECT: ReconnectPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8000 };

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
