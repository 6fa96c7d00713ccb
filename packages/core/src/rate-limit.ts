import { RateLimiterMemory } from "rate-limiter-flexible";
import { TokenRouteError } from "./errors";
import type { RouteLogger } from "./logger";
import type { RateLimitOptions, TokenRateLimiter, TokenRequestContext } from "./policy";

/** A rate limit ready to use: one limiter and how to pick the bucket of a request. */
export interface ResolvedRateLimit {
  limiter: TokenRateLimiter;
  key: (ctx: TokenRequestContext<unknown, unknown>) => string;
}

export const DEFAULT_RATE_LIMIT = { points: 10, duration: 60 } as const;

/** Identity when it names someone (string, number, or an object with an `id`), otherwise the client IP. */
export function defaultRateLimitKey(ctx: TokenRequestContext<unknown, unknown>): string {
  const { identity } = ctx;
  if (typeof identity === "string" || typeof identity === "number") return `identity:${identity}`;
  const id = (identity as { id?: unknown } | undefined)?.id;
  if (typeof id === "string" || typeof id === "number") return `identity:${id}`;
  return `ip:${ctx.ip ?? "unknown"}`;
}

export function resolveRateLimit(
  options: false | RateLimitOptions<never, never> | undefined,
): ResolvedRateLimit | undefined {
  if (options === false) return undefined;
  const limiter =
    options?.limiter ??
    new RateLimiterMemory({
      points: options?.points ?? DEFAULT_RATE_LIMIT.points,
      duration: options?.duration ?? DEFAULT_RATE_LIMIT.duration,
    });
  const key = (options?.key as ResolvedRateLimit["key"] | undefined) ?? defaultRateLimitKey;
  return { limiter, key };
}

// rate-limiter-flexible rejects with a RateLimiterRes (not an Error) when the budget is spent.
function isLimitReached(reason: unknown): reason is { msBeforeNext: number } {
  return (
    !(reason instanceof Error) &&
    typeof reason === "object" &&
    reason !== null &&
    typeof (reason as { msBeforeNext?: unknown }).msBeforeNext === "number"
  );
}

/** Takes one token from the request's bucket, or throws `rate_limited`. A failing store fails closed. */
export async function consumeRateLimit(
  rateLimit: ResolvedRateLimit,
  ctx: TokenRequestContext<unknown, unknown>,
  logger: RouteLogger,
): Promise<void> {
  const key = rateLimit.key(ctx);
  try {
    await rateLimit.limiter.consume(key, 1);
  } catch (reason) {
    if (isLimitReached(reason)) {
      const retryAfter = Math.max(1, Math.ceil(reason.msBeforeNext / 1000));
      throw new TokenRouteError("rate_limited", `Too many token requests; retry in ${retryAfter} s`, { retryAfter });
    }
    // No token without a working limiter: minting unlimited tokens is worse than refusing for a while.
    logger.error("rate limiter failed; refusing the request", { error: reason });
    throw new TokenRouteError("internal_error", "The rate limiter is unavailable", { cause: reason });
  }
}
