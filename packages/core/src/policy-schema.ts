import { z } from "zod";
import { sessionsSchema } from "./sessions/options";

// Each message is the "expected" half of a configuration error; the "got" half is described from the input.
const EXPIRES_IN = "an integer number of seconds from 1 to 3600";
const MODELS = "an array of at most 20 model names (non-empty strings)";
const ORIGINS = 'an array of at most 20 full origins such as "https://app.example.com"';
const ORIGIN =
  'a full origin: scheme, host and optional port, lower case, nothing else (e.g. "https://app.example.com")';
const CONSTRAINTS = "{ realtime?: { maxSessionDuration?: seconds ≥ 10 } }";
const MAX_SESSION = "an integer number of seconds ≥ 10";
const METADATA = "a plain object of key-value pairs";
const FUNCTION = "a function";

/** True for `scheme://host[:port]` with nothing after it, the only form Decart accepts in `allowedOrigins`. */
export function isFullOrigin(value: string): boolean {
  if (!/^https?:\/\/[^/?#\s]+$/.test(value)) return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An integer in [min, max]; every failure reports the same "expected" phrase. */
function integerIn(min: number, max: number, expected: string) {
  return z.number(expected).int(expected).min(min, expected).max(max, expected);
}

const anyFunction = z.custom<(...args: never[]) => unknown>((value) => typeof value === "function", FUNCTION);

/** The token options Decart accepts, as the policy (or a policy function) may set them. */
export const tokenOptionSchemas = {
  expiresIn: integerIn(1, 3600, EXPIRES_IN),
  allowedModels: z.array(z.string(MODELS).min(1, MODELS).max(128, MODELS), MODELS).max(20, MODELS).optional(),
  allowedOrigins: z.array(z.string(ORIGIN).refine(isFullOrigin, ORIGIN), ORIGINS).max(20, ORIGINS).optional(),
  constraints: z
    .strictObject(
      {
        realtime: z
          .strictObject(
            { maxSessionDuration: integerIn(10, Number.MAX_SAFE_INTEGER, MAX_SESSION).optional() },
            CONSTRAINTS,
          )
          .optional(),
      },
      CONSTRAINTS,
    )
    .optional(),
  metadata: z.custom<Record<string, unknown>>(isPlainObject, METADATA).optional(),
};

export type TokenOptionName = keyof typeof tokenOptionSchemas;

/** A value, or a function that returns one at request time (validated then with the same schema). */
function valueOrFunction<T extends z.ZodType>(schema: T) {
  return z.union([anyFunction, schema]);
}

const loggerSchema = z.union([
  z.literal(false),
  z.object(
    {
      debug: anyFunction.optional(),
      info: anyFunction.optional(),
      warn: anyFunction.optional(),
      error: anyFunction.optional(),
    },
    "an object with debug/info/warn/error methods, or false",
  ),
]);

const limiterSchema = z.custom<{ consume: unknown }>(
  (value) => typeof (value as { consume?: unknown } | null)?.consume === "function",
  "a rate-limiter-flexible limiter (an object with a consume method)",
);

const rateLimitSchema = z.union([
  z.literal(false),
  z.strictObject(
    {
      points: integerIn(1, 1_000_000, "an integer from 1 to 1000000").optional(),
      duration: integerIn(1, 86_400, "an integer number of seconds from 1 to 86400").optional(),
      limiter: limiterSchema.optional(),
      store: z
        .custom<{ hit: unknown }>(
          (value) => typeof (value as { hit?: unknown } | null)?.hit === "function",
          "a RateLimitStore (an object with a hit(key, windowMs) method)",
        )
        .optional(),
      key: anyFunction.optional(),
      ipv6Subnet: integerIn(32, 128, "an integer prefix length from 32 to 128").optional(),
    },
    "false or { points?, duration?, limiter?, store?, key?, ipv6Subnet? }",
  ),
]);

const failedSignInsSchema = z.union([
  z.literal(false),
  z.strictObject(
    {
      points: integerIn(1, 1_000_000, "an integer from 1 to 1000000").optional(),
      duration: integerIn(1, 86_400, "an integer number of seconds from 1 to 86400").optional(),
      limiter: limiterSchema.optional(),
    },
    "false or { points?, duration?, limiter? }",
  ),
]);

/** The whole policy as a user writes it. Unknown options are refused so a typo fails fast. */
export const tokenPolicySchema = z.strictObject({
  apiKey: z.string("a Decart API key (a non-empty string)").min(1, "a Decart API key (a non-empty string)").optional(),
  baseUrl: z
    .string("an http(s) URL")
    .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), "an http(s) URL")
    .optional(),
  expiresIn: valueOrFunction(tokenOptionSchemas.expiresIn).optional(),
  allowedModels: valueOrFunction(tokenOptionSchemas.allowedModels),
  allowedOrigins: valueOrFunction(tokenOptionSchemas.allowedOrigins),
  constraints: valueOrFunction(tokenOptionSchemas.constraints),
  metadata: valueOrFunction(tokenOptionSchemas.metadata),
  authorize: anyFunction.optional(),
  allowAnonymous: z.boolean("true or false").optional(),
  rateLimit: rateLimitSchema.optional(),
  failedSignIns: failedSignInsSchema.optional(),
  bodyTimeoutMs: integerIn(100, 300_000, "an integer number of milliseconds from 100 to 300000").optional(),
  sessions: sessionsSchema.optional(),
  timeoutMs: integerIn(100, 60_000, "an integer number of milliseconds from 100 to 60000").optional(),
  retries: integerIn(0, 5, "an integer from 0 to 5").optional(),
  onTokenIssued: anyFunction.optional(),
  onTokenDenied: anyFunction.optional(),
  telemetry: z
    .custom<{ start: unknown }>(
      (value) => typeof (value as { start?: unknown } | null)?.start === "function",
      "a TokenRouteTelemetry such as openTelemetry() (an object with a start method)",
    )
    .optional(),
  logger: loggerSchema.optional(),
});
