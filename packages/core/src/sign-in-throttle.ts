import { clientAddressKey, DEFAULT_IPV6_SUBNET } from "./client-key";
import { isTokenRouteError, TokenRouteError } from "./errors";
import type { RouteLogger } from "./logger";
import type { FailedSignInOptions, RateLimitOptions, TokenRateLimiter } from "./policy";
import { isLimitReached, STORE_UNAVAILABLE_RETRY_AFTER, withinBudget } from "./rate-limit";
import { createWindowLimiter, MemoryRateLimitStore } from "./window-limiter";

export const DEFAULT_FAILED_SIGN_INS = { points: 20, duration: 60 } as const;

/** The part of a rate-limiter-flexible limiter the throttle uses (`get` reads a count without adding to it). */
interface CountingLimiter extends TokenRateLimiter {
  get?(key: string): Promise<{ consumedPoints: number; msBeforeNext: number } | null>;
}

/** Failed sign-ins counted per client address. */
export interface SignInThrottle {
  limiter: CountingLimiter;
  points: number;
  ipv6Subnet: number;
}

/** What a rate-limiter-flexible limiter exposes to build a sibling on the same store. */
interface StoreLimiter {
  constructor: new (options: Record<string, unknown>) => CountingLimiter;
  client?: unknown;
  keyPrefix?: unknown;
}

// Every rate-limiter-flexible class takes { storeClient, keyPrefix, points, duration }: a limiter of the same class on
// the same client counts where the token limit counts (Redis: across instances), under its own prefix.
function siblingOnSameStore(limiter: TokenRateLimiter, points: number, duration: number): CountingLimiter | undefined {
  const { constructor: Limiter, client, keyPrefix } = limiter as unknown as StoreLimiter;
  if (typeof keyPrefix !== "string" || typeof Limiter !== "function") return undefined;
  try {
    return new Limiter({ storeClient: client, keyPrefix: `${keyPrefix}:failed-sign-in`, points, duration });
  } catch {
    return undefined;
  }
}

/** Builds the throttle once, at creation; undefined when switched off or when there is no `authorize`. */
export function resolveSignInThrottle(
  options: false | FailedSignInOptions | undefined,
  rateLimit: false | RateLimitOptions<never, never> | undefined,
  hasAuthorize: boolean,
  logger: RouteLogger,
): SignInThrottle | undefined {
  if (options === false || !hasAuthorize) return undefined;
  const points = options?.points ?? DEFAULT_FAILED_SIGN_INS.points;
  const duration = options?.duration ?? DEFAULT_FAILED_SIGN_INS.duration;
  const shared = rateLimit ? rateLimit.limiter : undefined;
  const sharedStore = rateLimit ? rateLimit.store : undefined;
  let limiter = options?.limiter ?? (shared && siblingOnSameStore(shared, points, duration));
  // The built-in limiter's store counts failures too (under their own key prefix) when it can read a count back.
  if (!limiter && sharedStore?.peek) limiter = createWindowLimiter({ points, duration, store: sharedStore });
  if (!limiter) {
    if (shared || sharedStore) {
      logger.warn("failed sign-ins are counted in memory: pass failedSignIns.limiter to share the count");
    }
    limiter = createWindowLimiter({ points, duration, store: new MemoryRateLimitStore() });
  }
  return { limiter, points, ipv6Subnet: (rateLimit || undefined)?.ipv6Subnet ?? DEFAULT_IPV6_SUBNET };
}

function throttled(msBeforeNext: number): TokenRouteError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new TokenRouteError("rate_limited", `Too many failed sign-ins; retry in ${retryAfter} s`, { retryAfter });
}

const storeDown = (cause: unknown) =>
  new TokenRouteError("rate_limited", `Rate limiting is unavailable; retry in ${STORE_UNAVAILABLE_RETRY_AFTER} s`, {
    retryAfter: STORE_UNAVAILABLE_RETRY_AFTER,
    cause,
  });

/**
 * Guards one call to `authorize`: refuses a client already over its failures without calling it (429, fails closed
 * like the token limit when the store is down), and counts a failure when it returns no identity. A request without
 * a client address is not counted: one shared bucket would let anyone lock every visitor out of signing in.
 */
export async function withSignInThrottle<T>(
  throttle: SignInThrottle | undefined,
  ip: string | undefined,
  options: { logger: RouteLogger; budgetMs: number },
  authorize: () => Promise<T>,
): Promise<T> {
  if (!throttle || ip === undefined || ip === "") return authorize();
  const key = `failed-sign-in:${clientAddressKey(ip, throttle.ipv6Subnet)}`;
  const { limiter } = throttle;
  try {
    const count = limiter.get
      ? await withinBudget(limiter.get(key), options.budgetMs)
      : await withinBudget(limiter.consume(key, 0), options.budgetMs);
    const seen = count as { consumedPoints?: number; msBeforeNext?: number } | null;
    if (seen && (seen.consumedPoints ?? 0) >= throttle.points) throw throttled(seen.msBeforeNext ?? 1000);
  } catch (reason) {
    if (isTokenRouteError(reason)) throw reason;
    if (isLimitReached(reason)) throw throttled(reason.msBeforeNext);
    options.logger.error("failed sign-in limiter failed; refusing the request", { error: reason });
    throw storeDown(reason);
  }
  try {
    return await authorize();
  } catch (error) {
    if (isTokenRouteError(error) && error.code === "unauthorized") {
      // Counted after the answer is decided: a store error here must not turn a 401 into something else.
      await withinBudget(limiter.consume(key, 1), options.budgetMs).catch((reason) => {
        if (!isLimitReached(reason)) options.logger.error("failed sign-in limiter failed", { error: reason });
      });
    }
    throw error;
  }
}
