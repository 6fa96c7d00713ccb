import { clientAddressKey, DEFAULT_IPV6_SUBNET } from "./client-key";
import { TokenRouteError } from "./errors";
import type { RouteLogger } from "./logger";
import type { RateLimitOptions, TokenRateLimiter, TokenRequestContext } from "./policy";
import { createWindowLimiter, MemoryRateLimitStore } from "./window-limiter";

/** A rate limit ready to use: one limiter and how to pick the bucket of a request. */
export interface ResolvedRateLimit {
  limiter: TokenRateLimiter;
  key: (ctx: TokenRequestContext<unknown, unknown>) => string;
  /** Whether `key` is the default (identity, else client address), which needs a client address to be fair. */
  defaultKey: boolean;
}

export const DEFAULT_RATE_LIMIT = { points: 10, duration: 60 } as const;

/** The identity's name when it has one: a string, a number, or an object with such an `id`. */
export function identityName(identity: unknown): string | undefined {
  if (typeof identity === "string" || typeof identity === "number") return String(identity);
  const id = (identity as { id?: unknown } | undefined)?.id;
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
}

/** Identity when it names someone, otherwise the client's address (an IPv6 client by its `/ipv6Subnet`). */
export function defaultRateLimitKey(ipv6Subnet: number): (ctx: TokenRequestContext<unknown, unknown>) => string {
  return (ctx) => {
    const name = identityName(ctx.identity);
    return name === undefined ? `ip:${clientAddressKey(ctx.ip, ipv6Subnet)}` : `identity:${name}`;
  };
}

export function resolveRateLimit(
  options: false | RateLimitOptions<never, never> | undefined,
): ResolvedRateLimit | undefined {
  if (options === false) return undefined;
  const limiter =
    options?.limiter ??
    createWindowLimiter({
      points: options?.points ?? DEFAULT_RATE_LIMIT.points,
      duration: options?.duration ?? DEFAULT_RATE_LIMIT.duration,
      store: options?.store ?? new MemoryRateLimitStore(),
    });
  const key =
    (options?.key as ResolvedRateLimit["key"] | undefined) ??
    defaultRateLimitKey(options?.ipv6Subnet ?? DEFAULT_IPV6_SUBNET);
  return { limiter, key, defaultKey: options?.key === undefined };
}

// rate-limiter-flexible rejects with a RateLimiterRes (not an Error) when the budget is spent.
export function isLimitReached(reason: unknown): reason is { msBeforeNext: number } {
  return (
    !(reason instanceof Error) &&
    typeof reason === "object" &&
    reason !== null &&
    typeof (reason as { msBeforeNext?: unknown }).msBeforeNext === "number"
  );
}

/** Seconds a client is asked to wait when the limiter's store is down (long enough for a store to come back). */
export const STORE_UNAVAILABLE_RETRY_AFTER = 5;

// A store that neither answers nor fails (a Redis client queueing commands while it reconnects) must not hold the
// request open: after `budgetMs` the request is refused as if the store had failed.
export function withinBudget<T>(pending: Promise<T>, budgetMs: number, what = "the rate limiter"): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${budgetMs} ms`)), budgetMs);
  });
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Takes one token from the request's bucket, or throws `rate_limited`. A failing or silent store fails closed:
 * also `rate_limited` (429, retryable, `Retry-After`), so clients back off and no token is minted unmetered.
 */
export async function consumeRateLimit(
  rateLimit: ResolvedRateLimit,
  ctx: TokenRequestContext<unknown, unknown>,
  options: { logger: RouteLogger; budgetMs: number },
): Promise<void> {
  const key = rateLimit.key(ctx);
  try {
    await withinBudget(rateLimit.limiter.consume(key, 1), options.budgetMs);
  } catch (reason) {
    if (isLimitReached(reason)) {
      const retryAfter = Math.max(1, Math.ceil(reason.msBeforeNext / 1000));
      throw new TokenRouteError("rate_limited", `Too many token requests; retry in ${retryAfter} s`, { retryAfter });
    }
    // No token without a working limiter: minting unlimited tokens is worse than refusing for a while.
    options.logger.error("rate limiter failed; refusing the request", { error: reason });
    const retryAfter = STORE_UNAVAILABLE_RETRY_AFTER;
    throw new TokenRouteError("rate_limited", `Rate limiting is unavailable; retry in ${retryAfter} s`, {
      retryAfter,
      cause: reason,
    });
  }
}
