import type { AllowedModelName, ModelName } from "./models";
import type { ServerErrorCode, TokenConstraints, TokenRequestBody } from "./protocol";
import type { SessionAdmissionOptions } from "./sessions/options";
import type { TokenRouteTelemetry } from "./telemetry";
import type { RateLimitStore } from "./window-limiter";

/** Request headers as Node (and Express/Koa) expose them: lower-case names. */
export type IncomingHeaders = Record<string, string | string[] | undefined>;

type MaybePromise<T> = T | Promise<T>;

/** What every policy function receives. `Req` is the framework's own request object. */
export interface TokenRequestContext<Identity = unknown, Req = unknown> {
  /**
   * The framework's own request object: Express `req`, Koa's `ctx`, Fastify's `request`, the Fetch `Request`;
   * with `mintToken`, whatever the caller passed as `request` (`undefined` if nothing).
   */
  request: Req;
  /** Request headers, lower-case names. */
  headers: IncomingHeaders;
  /** The `Origin` header, when the client sent one. */
  origin: string | undefined;
  /** The client IP as the framework resolves it (Express: `req.ip`, honouring `trust proxy`). */
  ip: string | undefined;
  /**
   * What `authorize` returned. `undefined` inside `authorize` itself, without `authorize`, and while answering a
   * CORS preflight (which carries no credentials).
   */
  identity: Identity | undefined;
  /** The validated client body (`{}` when the client sent none). */
  body: TokenRequestBody;
}

/** What `authorize` receives: the request context before anyone is identified. */
export type AuthorizeContext<Req = unknown> = Omit<TokenRequestContext<unknown, Req>, "identity"> & {
  identity: undefined;
};

/** A policy value, or a function of the request that returns it (sync or async). */
export type PolicyValue<T, Identity = unknown, Req = unknown> =
  | T
  | ((ctx: TokenRequestContext<Identity, Req>) => MaybePromise<T>);

/** Structured log sink. decart-kit never passes it the permanent API key (every string is scrubbed). */
export interface TokenRouteLogger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}

/** The part of a rate-limiter-flexible limiter the route uses; any `RateLimiterAbstract` fits. */
export interface TokenRateLimiter {
  consume(key: string | number, points?: number): Promise<unknown>;
}

/** How many tokens one caller may mint. */
export interface RateLimitOptions<Identity = unknown, Req = unknown> {
  /**
   * Tokens allowed per `duration` for one key. Ignored when `limiter` is given (it carries its own).
   * @default 10
   */
  points?: number;
  /**
   * Window length in seconds.
   * @default 60
   */
  duration?: number;
  /**
   * A rate-limiter-flexible limiter to use instead of the built-in memory one, e.g. a `RateLimiterRedis` so several
   * instances share one budget. When it fails or does not answer within `timeoutMs` (store down, a client queueing
   * commands while it reconnects), the route fails closed: 429 `rate_limited` with `Retry-After: 5`, no token minted.
   * @example new RateLimiterRedis({ storeClient: redis, points: 10, duration: 60, keyPrefix: "decart-token" })
   */
  limiter?: TokenRateLimiter;
  /**
   * Where the built-in limiter (`points` per `duration`) counts, instead of this process's memory: back it with
   * storage all your instances share (a Durable Object, Upstash Redis, a database). Memory is exact on one Node
   * server; on Workers and edge runtimes every isolate counts alone, so the limit there is a best effort.
   * @default a MemoryRateLimitStore
   */
  store?: RateLimitStore;
  /**
   * The bucket a request counts against.
   * @default the identity from `authorize` when it is a string, a number or has an `id`; otherwise the client's
   * address: an IPv4 address as is (also when written `::ffff:a.b.c.d`), an IPv6 address by its `/ipv6Subnet`
   * @example (ctx) => String(ctx.identity?.teamId ?? ctx.ip)
   */
  key?: (ctx: TokenRequestContext<Identity, Req>) => string;
  /**
   * Prefix length (32–128) that makes one IPv6 client in the default key. A home or mobile connection gets a whole
   * prefix (a /64 at least, often a /56) and can send from any address in it; 128 counts every address apart.
   * @default 56
   */
  ipv6Subnet?: number;
}

/** How many failed sign-ins (`authorize` returning no identity) one client address may make. */
export interface FailedSignInOptions {
  /**
   * Failed attempts allowed per `duration` for one client address; the next request gets 429 `rate_limited` with
   * `Retry-After`, and `authorize` is not called.
   * @default 20
   */
  points?: number;
  /**
   * Window length in seconds.
   * @default 60
   */
  duration?: number;
  /**
   * Where the failures are counted.
   * @default a limiter of the same class and store as `rateLimit.limiter` (key prefix `<its prefix>:failed-sign-in`),
   * so a Redis limiter counts failures across instances too; in memory without one
   * @example new RateLimiterRedis({ storeClient: redis, points: 20, duration: 60, keyPrefix: "decart-sign-in" })
   */
  limiter?: TokenRateLimiter;
}

/** The token options the server granted for one request (what was sent to Decart). */
export interface GrantedTokenOptions {
  expiresIn: number;
  allowedModels?: string[];
  allowedOrigins?: string[];
  constraints?: TokenConstraints;
  metadata?: Record<string, unknown>;
}

/** What `onTokenIssued` receives: enough for an audit trail, never a secret. */
export interface TokenIssuedEvent<Identity = unknown> {
  identity: Identity | undefined;
  ip: string | undefined;
  origin: string | undefined;
  /** The model the client asked the token to be scoped to, if any. */
  model: string | undefined;
  /** The options sent to Decart for this token. */
  granted: GrantedTokenOptions;
  /** When the token stops opening sessions (ISO 8601). */
  expiresAt: string;
  /** SHA-256 of the client token, hex: correlate with logs without holding the token. */
  tokenHash: string;
}

/** What `onTokenDenied` receives: why a request got no token, and who asked. Never a secret. */
export interface TokenDeniedEvent<Identity = unknown> {
  /** The wire error code answered. */
  code: ServerErrorCode;
  /** The HTTP status answered (with `mintToken`: the one an HTTP route would have answered). */
  status: number;
  /** What `authorize` returned, if it ran and named someone before the refusal. */
  identity: Identity | undefined;
  ip: string | undefined;
  origin: string | undefined;
  /** The model the client asked for, if the body was read and named one. */
  model: string | undefined;
}

/**
 * Everything a token route does, configured once at creation. Validated when the route is created: a bad value
 * throws a `TokenPolicyError` that names the option and says what was expected and what came.
 */
export interface TokenPolicy<Identity = unknown, Req = unknown, Model extends ModelName = string> {
  /**
   * Your permanent Decart API key. It never leaves the server: not in responses, headers or log lines.
   * Without it, `DECART_API_KEY` is read from the environment when the first request needs it (so a build step
   * without secrets can still import the route); if it is missing then, requests get 500 `misconfigured` and the
   * route logs one error line.
   * @default process.env.DECART_API_KEY, read at the first request
   */
  apiKey?: string;
  /**
   * Decart's API base URL; point it at `@decart-kit/emulator` in development and tests.
   * @default "https://api.decart.ai"
   * @example emulator.url
   */
  baseUrl?: string;
  /**
   * Token lifetime in seconds, 1–3600. A client may ask for less, never more (a longer request is clamped).
   * @default 60
   */
  expiresIn?: PolicyValue<number, Identity, Req>;
  /**
   * Models the token may open sessions with (at most 20). A client asking for one model gets a token for that
   * model only; a model outside this list is refused with `model_not_allowed`.
   * Known names are checked by TypeScript (a misspelled `lucy…` name is an error); custom names are accepted.
   * @default undefined (any model)
   * @example ["lucy-2.1", "lucy-restyle-2"]
   */
  allowedModels?: PolicyValue<readonly AllowedModelName<Model>[] | undefined, Identity, Req>;
  /**
   * Browser origins allowed to call the route and to use the token (at most 20 full origins: scheme, host, optional
   * port). One list for both: a request whose `Origin` is not listed is refused before Decart is called, CORS
   * preflights are answered for these origins only, and the token is scoped to them.
   * Without it, only same-origin browser requests are accepted (`Sec-Fetch-Site: same-origin`/`none`, or an `Origin`
   * equal to the request's own); any other browser request, `Origin: null` included, gets 403 `origin_not_allowed`.
   * @default undefined (same origin only; requests with neither header, server to server, pass)
   * @example ["https://app.example.com", "http://localhost:5173"]
   */
  allowedOrigins?: PolicyValue<readonly string[] | undefined, Identity, Req>;
  /**
   * Limits carried by the token.
   * @default undefined
   * @example { realtime: { maxSessionDuration: 300 } }
   */
  constraints?: PolicyValue<TokenConstraints | undefined, Identity, Req>;
  /**
   * Key-value pairs attached to the token. Only the server sets them: a client body cannot carry metadata.
   * @default undefined
   * @example (ctx) => ({ userId: ctx.identity?.id })
   */
  metadata?: PolicyValue<Record<string, unknown> | undefined, Identity, Req>;
  /**
   * Identifies the caller. Return an identity (any truthy value) to allow, a falsy value for 401 `unauthorized`,
   * or throw `new TokenRouteError("forbidden", "...")` for 403. Anything else thrown is a 500 `internal_error`
   * (logged, never echoed). The identity is `ctx.identity` in every policy function.
   * @default undefined (anonymous; creation throws when NODE_ENV=production unless `allowAnonymous: true`)
   * @example (ctx) => ctx.request.user ?? null
   */
  authorize?: (ctx: AuthorizeContext<Req>) => MaybePromise<Identity | null | undefined | false>;
  /**
   * Explicitly allow a route without `authorize` when NODE_ENV=production.
   * @default false
   */
  allowAnonymous?: boolean;
  /**
   * Rate limit on minted tokens, or `false` to switch it off.
   * @default { points: 10, duration: 60 } per identity, else per IP, in memory
   */
  rateLimit?: false | RateLimitOptions<Identity, Req>;
  /**
   * Throttle on failed sign-ins per client address (brute-forcing credentials through `authorize`), or `false`.
   * Applies only with `authorize`, and only to requests whose client address is known.
   * @default { points: 20, duration: 60 }, counted where `rateLimit` counts
   */
  failedSignIns?: false | FailedSignInOptions;
  /**
   * Milliseconds the whole request body may take to arrive once the route reads it; past it the answer is 408
   * `request_timeout` and the connection is closed, so a stalled body holds neither a request nor its memory.
   * (A body parser mounted before the route reads the body itself, under its own limits.)
   * @default 10000
   */
  bodyTimeoutMs?: number;
  /**
   * Session admission: cap concurrent realtime sessions in all and per caller, with an optional fair waiting line.
   * Requires `constraints.realtime.maxSessionDuration` (it bounds every lease). Tokens then carry a `lease` that the
   * client releases with `{ release: lease.id }`.
   * @default undefined (no cap: only the rate limit applies)
   * @example { maxPerIdentity: 1, maxTotal: 10, queue: true }
   */
  sessions?: SessionAdmissionOptions<Identity, Req>;
  /**
   * Time budget in milliseconds for the call to Decart, retries included; past it the answer is 504
   * `upstream_timeout`.
   * @default 5000
   */
  timeoutMs?: number;
  /**
   * How many times a network error or a 5xx from Decart is retried (jittered backoff); 4xx is never retried.
   * @default 2
   */
  retries?: number;
  /**
   * Audit hook, awaited before the token is sent. If it throws, the client gets 500 `internal_error` and no token.
   * @default undefined
   */
  onTokenIssued?: (event: TokenIssuedEvent<Identity>) => void | Promise<void>;
  /**
   * Called for every refusal (4xx and 5xx alike) after the answer is decided; what it throws or returns does not
   * change the answer. Refusals are also logged at `info` with identity and IP.
   * @default undefined
   * @example (event) => metrics.increment(`token_denied.${event.code}`)
   */
  onTokenDenied?: (event: TokenDeniedEvent<Identity>) => void | Promise<void>;
  /**
   * Instrumentation of every token request: `openTelemetry()` from `@decart-kit/core/opentelemetry` records a
   * span, counters and Decart's latency through `@opentelemetry/api`. Nothing is measured without it.
   * @default undefined
   * @example openTelemetry()
   */
  telemetry?: TokenRouteTelemetry;
  /**
   * Where the route logs refusals, upstream trouble and issued tokens; `false` for silence.
   * @default warnings and errors to `console`
   * @example pino() // any object with debug/info/warn/error(message, fields) methods
   */
  logger?: TokenRouteLogger | false;
}
