import { TokenRouteError } from "./errors";
import { createRouteLogger, type RouteLogger } from "./logger";
import type { TokenDeniedEvent, TokenIssuedEvent, TokenPolicy, TokenRequestContext } from "./policy";
import { describeValue, type PolicyIssue, policyIssuesFrom, TokenPolicyError } from "./policy-error";
import { type TokenOptionName, tokenPolicySchema } from "./policy-schema";
import { createProxyWarnings, type ProxyFacts } from "./proxy-warnings";
import { type ResolvedRateLimit, resolveRateLimit } from "./rate-limit";
import { DEFAULT_BODY_TIMEOUT_MS } from "./read-body";
import { type ResolvedSessionOptions, resolveSessionOptions, sessionIssues } from "./sessions/options";
import { MemorySessionStore } from "./sessions/store";
import { resolveSignInThrottle, type SignInThrottle } from "./sign-in-throttle";
import type { TokenRouteTelemetry } from "./telemetry";

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
  /** The permanent key; throws `misconfigured` (logged once) when there is none. */
  readonly apiKey: () => string;
  /** The key in use, read like `apiKey` but never reported: what every logger scrubs. "" when there is none. */
  readonly secret: () => string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
  readonly options: { readonly [K in TokenOptionName]: ResolvedOption<unknown> };
  readonly authorize: ((ctx: AnyContext) => unknown) | undefined;
  readonly rateLimit: ResolvedRateLimit | undefined;
  readonly signInThrottle: SignInThrottle | undefined;
  /** Warns once about client addresses the limits cannot rely on (permissive proxies, missing addresses). */
  readonly checkClientAddress: (facts: ProxyFacts, identity: unknown) => void;
  readonly sessions: ResolvedSessionOptions | undefined;
  readonly onTokenIssued: ((event: TokenIssuedEvent<unknown>) => void | Promise<void>) | undefined;
  readonly onTokenDenied: ((event: TokenDeniedEvent<unknown>) => void | Promise<void>) | undefined;
  readonly telemetry: TokenRouteTelemetry | undefined;
  readonly logger: RouteLogger;
}

function resolveOption(value: unknown, fallback?: unknown): ResolvedOption<unknown> {
  if (typeof value === "function") return { fixed: false, get: value as (ctx: AnyContext) => unknown };
  return { fixed: true, value: value ?? fallback };
}

/** The environment where there is one: Node, Bun, Deno, Vercel's edge runtime; workerd only with nodejs_compat. */
function environment(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

const CLIENT_TOKEN_AS_KEY = {
  option: "apiKey",
  expected: "a permanent API key (an ek_ client token cannot mint tokens)",
  received: "a client token",
};

/**
 * The key getter: an explicit `apiKey` is checked now; `DECART_API_KEY` is read at the first request, so a build
 * step without secrets can import the route. A missing or unusable key then answers `misconfigured`, logged once.
 */
function keyReader(explicit: string | undefined, logger: () => RouteLogger): () => string {
  let key = explicit;
  let reported = false;
  return () => {
    key ??= environment("DECART_API_KEY");
    if (key && !key.startsWith("ek_")) return key;
    if (!reported) {
      reported = true;
      const problem = key ? "DECART_API_KEY holds an ek_ client token, not a permanent key" : "no Decart API key";
      logger().error(`${problem}: pass apiKey or set DECART_API_KEY; token requests answer 500 misconfigured`);
    }
    key = undefined;
    throw new TokenRouteError("misconfigured", "The token route is not configured");
  };
}

/** Checks that need more than one option, or the environment. */
function crossOptionIssues(policy: TokenPolicy<never, never>): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  if (policy.apiKey?.startsWith("ek_")) issues.push(CLIENT_TOKEN_AS_KEY);
  if (!policy.authorize && policy.allowAnonymous !== true && environment("NODE_ENV") === "production") {
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
  if (rateLimit?.limiter && rateLimit.store) {
    issues.push({
      option: "rateLimit.store",
      expected: "either a limiter or a store for the built-in limiter, not both",
      received: "both",
    });
  }
  issues.push(...sessionIssues(policy));
  return issues;
}

/**
 * Validates a policy once and applies its defaults. Throws `TokenPolicyError` naming every bad option.
 * Adapters call it at creation time, then pass the result to `handleTokenRequest` for each request.
 */
export function resolvePolicy<Identity, Req, Model extends string>(
  policy: TokenPolicy<Identity, Req, Model>,
): ResolvedPolicy {
  const parsed = tokenPolicySchema.safeParse(policy ?? {});
  if (!parsed.success) throw new TokenPolicyError(policyIssuesFrom(parsed.error.issues, policy));
  const input = policy as TokenPolicy<never, never>;
  const issues = crossOptionIssues(input);
  if (issues.length > 0) throw new TokenPolicyError(issues);
  const apiKey = keyReader(input.apiKey, () => logger);
  // Read the same way as the key itself, without reporting: log lines must be scrubbed of whatever key is in use.
  const secret = () => input.apiKey ?? environment("DECART_API_KEY") ?? "";
  const logger = createRouteLogger(input.logger, secret);
  const rateLimit = resolveRateLimit(input.rateLimit);
  return {
    apiKey,
    secret,
    baseUrl: (input.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: input.retries ?? DEFAULT_RETRIES,
    maxBodyBytes: MAX_BODY_BYTES,
    bodyTimeoutMs: input.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    options: {
      expiresIn: resolveOption(input.expiresIn, DEFAULT_EXPIRES_IN),
      allowedModels: resolveOption(input.allowedModels),
      allowedOrigins: resolveOption(input.allowedOrigins),
      constraints: resolveOption(input.constraints),
      metadata: resolveOption(input.metadata),
    },
    authorize: input.authorize as ResolvedPolicy["authorize"],
    rateLimit,
    signInThrottle: resolveSignInThrottle(input.failedSignIns, input.rateLimit, Boolean(input.authorize), logger),
    checkClientAddress: createProxyWarnings(logger, rateLimit?.defaultKey ?? false),
    sessions: input.sessions && resolveSessionOptions(input.sessions, () => new MemorySessionStore()),
    onTokenIssued: input.onTokenIssued as ResolvedPolicy["onTokenIssued"],
    onTokenDenied: input.onTokenDenied as ResolvedPolicy["onTokenDenied"],
    telemetry: input.telemetry,
    logger,
  };
}
