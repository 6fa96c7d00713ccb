import { createRouteLogger, type RouteLogger } from "./logger";
import type { TokenIssuedEvent, TokenPolicy, TokenRequestContext } from "./policy";
import { describeValue, type PolicyIssue, policyIssuesFrom, TokenPolicyError } from "./policy-error";
import { type TokenOptionName, tokenPolicySchema } from "./policy-schema";
import { type ResolvedRateLimit, resolveRateLimit } from "./rate-limit";
import { type ResolvedSessionOptions, resolveSessionOptions, sessionIssues } from "./sessions/options";
import { MemorySessionStore } from "./sessions/store";

export const DEFAULT_BASE_URL = "https://api.decart.ai";
export const DEFAULT_EXPIRES_IN = 60;
export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_RETRIES = 2;
/** Largest client body accepted, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

type AnyContext = TokenRequestContext<unknown, unknown>;

/** A token option as resolved: a fixed value, or a function evaluated (and validated) per request. */
export type ResolvedOption<T> = { fixed: true; value: T } | { fixed: false; get: (ctx: AnyContext) => unknown };

/**
 * A validated policy with defaults applied, built once by `resolvePolicy` and passed to `handleTokenRequest` on
 * every request. Treat it as opaque.
 */
export interface ResolvedPolicy {
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly maxBodyBytes: number;
  readonly options: { readonly [K in TokenOptionName]: ResolvedOption<unknown> };
  readonly authorize: ((ctx: AnyContext) => unknown) | undefined;
  readonly rateLimit: ResolvedRateLimit | undefined;
  readonly sessions: ResolvedSessionOptions | undefined;
  readonly onTokenIssued: ((event: TokenIssuedEvent<unknown>) => void | Promise<void>) | undefined;
  readonly logger: RouteLogger;
}

function resolveOption(value: unknown, fallback?: unknown): ResolvedOption<unknown> {
  if (typeof value === "function") return { fixed: false, get: value as (ctx: AnyContext) => unknown };
  return { fixed: true, value: value ?? fallback };
}

/** Checks that need more than one option, or the environment. */
function crossOptionIssues(policy: TokenPolicy<never, never>, apiKey: string | undefined): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  if (!apiKey) {
    issues.push({
      option: "apiKey",
      expected: "a Decart API key (pass apiKey or set the DECART_API_KEY environment variable)",
      received: describeValue(policy.apiKey, true),
    });
  } else if (apiKey.startsWith("ek_")) {
    issues.push({
      option: "apiKey",
      expected: "a permanent API key (an ek_ client token cannot mint tokens)",
      received: "a client token",
    });
  }
  if (!policy.authorize && policy.allowAnonymous !== true && process.env.NODE_ENV === "production") {
    issues.push({
      option: "authorize",
      expected: "a function that identifies the caller when NODE_ENV=production (or allowAnonymous: true)",
      received: "undefined",
    });
  }
  const rateLimit = policy.rateLimit || undefined;
  if (rateLimit?.limiter && (rateLimit.points || rateLimit.duration)) {
    issues.push({
      option: "rateLimit.points",
      expected: "no points/duration next to a limiter (configure them on the limiter itself)",
      received: describeValue(rateLimit.points ?? rateLimit.duration),
    });
  }
  issues.push(...sessionIssues(policy));
  return issues;
}

/**
 * Validates a policy once and applies its defaults. Throws `TokenPolicyError` naming every bad option.
 * Adapters call it at creation time, then pass the result to `handleTokenRequest` for each request.
 */
export function resolvePolicy<Identity, Req>(policy: TokenPolicy<Identity, Req>): ResolvedPolicy {
  const parsed = tokenPolicySchema.safeParse(policy ?? {});
  if (!parsed.success) throw new TokenPolicyError(policyIssuesFrom(parsed.error.issues, policy));
  const input = policy as TokenPolicy<never, never>;
  const apiKey = input.apiKey ?? process.env.DECART_API_KEY;
  const issues = crossOptionIssues(input, apiKey);
  if (issues.length > 0) throw new TokenPolicyError(issues);
  return {
    apiKey: apiKey as string,
    baseUrl: (input.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: input.retries ?? DEFAULT_RETRIES,
    maxBodyBytes: MAX_BODY_BYTES,
    options: {
      expiresIn: resolveOption(input.expiresIn, DEFAULT_EXPIRES_IN),
      allowedModels: resolveOption(input.allowedModels),
      allowedOrigins: resolveOption(input.allowedOrigins),
      constraints: resolveOption(input.constraints),
      metadata: resolveOption(input.metadata),
    },
    authorize: input.authorize as ResolvedPolicy["authorize"],
    rateLimit: resolveRateLimit(input.rateLimit),
    sessions: input.sessions && resolveSessionOptions(input.sessions, () => new MemorySessionStore()),
    onTokenIssued: input.onTokenIssued as ResolvedPolicy["onTokenIssued"],
    logger: createRouteLogger(input.logger, apiKey as string),
  };
}
