import { z } from "zod";
import type { TokenRequestContext } from "../policy";
import type { SessionStore } from "./store";

/** Waiting line for callers who find every slot taken. */
export interface SessionQueueOptions {
  /**
   * Most callers waiting at once; past it, newcomers get 503 `capacity` with `Retry-After`.
   * @default 100
   */
  maxSize?: number;
  /**
   * A ticket not asked about for this many seconds leaves the line (the page was closed or lost its network).
   * Keep it well above `retryAfterSeconds`.
   * @default 10
   */
  graceSeconds?: number;
}

/**
 * Session admission: how many realtime sessions may be open at once, in all and per caller, and what a caller
 * gets when they are all taken. A token is only minted for a free slot, and carries a `lease` to release.
 */
export interface SessionAdmissionOptions<Identity = unknown, Req = unknown> {
  /**
   * Sessions one caller (see `key`) may hold at once; one more is refused with 429 `session_limit`.
   * @example 1
   */
  maxPerIdentity: number;
  /**
   * Sessions open at once across every caller (and every instance sharing `store`). Set it at or below your
   * Decart account's concurrent-session limit.
   * @example 10
   */
  maxTotal: number;
  /**
   * Longest a lease may last, in seconds. A lease ends when released, or when the token can no longer hold a
   * session: token lifetime + `maxSessionDuration` + 30 s, whichever comes first. A shorter `leaseSeconds` frees
   * the slots of crashed pages sooner, at the risk of admitting someone while a session the lease covered is
   * still open at Decart (Decart's own cap still refuses it, with 1013).
   * @default expiresIn + constraints.realtime.maxSessionDuration + 30
   */
  leaseSeconds?: number;
  /**
   * A first-in-first-out line for callers who find every slot taken: they get 202 `{ queued, retryAfter }` and
   * ask again with their ticket. `false` refuses them at once with 503 `capacity`.
   * @default false
   * @example true // or { maxSize: 50, graceSeconds: 15 }
   */
  queue?: boolean | SessionQueueOptions;
  /**
   * Seconds a caller is asked to wait before asking again (`retryAfter` of a 202, `Retry-After` of a refusal).
   * @default 2
   */
  retryAfterSeconds?: number;
  /**
   * Where slots, leases and tickets live. Memory serves one process; share one Redis between instances with
   * `new RedisSessionStore(redis)`. A store that fails or does not answer within `timeoutMs` fails closed: 503
   * `capacity` with `Retry-After: 5`, and no token.
   * @default a MemorySessionStore
   */
  store?: SessionStore;
  /**
   * Who counts as one caller for `maxPerIdentity`, and who may release a lease.
   * @default the identity from `authorize` when it is a string, a number or has an `id`; otherwise the client IP
   */
  key?: (ctx: TokenRequestContext<Identity, Req>) => string;
}

/** Session admission with its defaults applied. */
export interface ResolvedSessionOptions {
  maxPerIdentity: number;
  maxTotal: number;
  leaseMs: number | undefined;
  queue: { maxSize: number; graceMs: number } | undefined;
  retryAfterSeconds: number;
  store: SessionStore;
  key: ((ctx: TokenRequestContext<unknown, unknown>) => string) | undefined;
}

export const DEFAULT_QUEUE_SIZE = 100;
export const DEFAULT_QUEUE_GRACE_SECONDS = 10;
export const DEFAULT_SESSION_RETRY_AFTER = 2;
/** Slack after the last moment a token could still hold a session, for clocks and Decart's own bookkeeping. */
export const LEASE_MARGIN_SECONDS = 30;

const count = (max: number) =>
  z
    .number(`an integer from 1 to ${max}`)
    .int(`an integer from 1 to ${max}`)
    .min(1, `an integer from 1 to ${max}`)
    .max(max, `an integer from 1 to ${max}`);
const seconds = (max: number) =>
  z
    .number(`a number of seconds from 0.1 to ${max}`)
    .min(0.1, `a number of seconds from 0.1 to ${max}`)
    .max(max, `a number of seconds from 0.1 to ${max}`);
const STORE = "a SessionStore (an object with acquire and release methods)";

/** The `sessions` option as a user writes it; unknown keys are refused so a typo fails fast. */
export const sessionsSchema = z.strictObject(
  {
    maxPerIdentity: count(10_000),
    maxTotal: count(1_000_000),
    leaseSeconds: seconds(86_400).optional(),
    queue: z
      .union([
        z.boolean(),
        z.strictObject(
          { maxSize: count(1_000_000).optional(), graceSeconds: seconds(3600).optional() },
          "true, false or { maxSize?, graceSeconds? }",
        ),
      ])
      .optional(),
    retryAfterSeconds: count(3600).optional(),
    store: z
      .custom<SessionStore>(
        (value) =>
          typeof (value as SessionStore | null)?.acquire === "function" &&
          typeof (value as SessionStore | null)?.release === "function",
        STORE,
      )
      .optional(),
    key: z.custom<() => string>((value) => typeof value === "function", "a function").optional(),
  },
  "{ maxPerIdentity, maxTotal, leaseSeconds?, queue?, retryAfterSeconds?, store?, key? }",
);

/** Applies defaults; the schema has already checked every value. */
export function resolveSessionOptions(
  options: SessionAdmissionOptions<never, never>,
  createDefaultStore: () => SessionStore,
): ResolvedSessionOptions {
  const queue = options.queue === true ? {} : options.queue || undefined;
  return {
    maxPerIdentity: options.maxPerIdentity,
    maxTotal: options.maxTotal,
    leaseMs: options.leaseSeconds === undefined ? undefined : options.leaseSeconds * 1000,
    queue: queue && {
      maxSize: queue.maxSize ?? DEFAULT_QUEUE_SIZE,
      graceMs: (queue.graceSeconds ?? DEFAULT_QUEUE_GRACE_SECONDS) * 1000,
    },
    retryAfterSeconds: options.retryAfterSeconds ?? DEFAULT_SESSION_RETRY_AFTER,
    store: options.store ?? createDefaultStore(),
    key: options.key as ResolvedSessionOptions["key"],
  };
}

/** `sessions` needs every token to bound its sessions: a fixed `constraints` without `maxSessionDuration` fails. */
export function sessionIssues(policy: {
  sessions?: unknown;
  constraints?: unknown;
}): { option: string; expected: string; received: string }[] {
  const { sessions, constraints } = policy;
  if (!sessions || typeof constraints === "function") return [];
  const maxSessionDuration = (constraints as { realtime?: { maxSessionDuration?: number } } | undefined)?.realtime
    ?.maxSessionDuration;
  if (maxSessionDuration !== undefined) return [];
  return [
    {
      option: "constraints.realtime.maxSessionDuration",
      expected: "a number of seconds when sessions is set (it bounds every lease)",
      received: "undefined",
    },
  ];
}
