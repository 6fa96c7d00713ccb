/**
 * The wire contract between a decart-kit token endpoint and its browser clients.
 *
 * This module has no dependencies and no side effects, so browser bundles can import it
 * (`@decart-kit/core/protocol`) without pulling in any server code.
 */

/** HTTP status for every error code a token endpoint can answer with. */
export const SERVER_ERROR_STATUS = {
  method_not_allowed: 405,
  unsupported_media_type: 415,
  payload_too_large: 413,
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  model_not_allowed: 403,
  rate_limited: 429,
  upstream_error: 502,
  upstream_timeout: 504,
  misconfigured: 500,
  internal_error: 500,
  request_timeout: 408,
  session_limit: 429,
  capacity: 503,
} as const;

/** An error code a token endpoint answers with. */
export type ServerErrorCode = keyof typeof SERVER_ERROR_STATUS;

/** Error codes only a browser client produces (the endpoint never sends them). */
export const CLIENT_ERROR_CODES = [
  "token_fetch_failed",
  "token_expired",
  "camera_denied",
  "camera_not_found",
  "camera_in_use",
  "camera_lost",
  "connect_failed",
  "connect_timeout",
  "session_ended",
  "model_not_found",
] as const;

/** An error code produced in the browser. */
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Every error code, server and client: one list for both halves. */
export type ErrorCode = ServerErrorCode | ClientErrorCode;

/**
 * Codes a client should not retry without a change on its side (sign in, pick another model, ...).
 * Everything else (rate limits, upstream trouble, network) may succeed on a later attempt.
 */
export const PERMANENT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "method_not_allowed",
  "unsupported_media_type",
  "payload_too_large",
  "invalid_request",
  "unauthorized",
  "forbidden",
  "origin_not_allowed",
  "model_not_allowed",
  "misconfigured",
  "camera_denied",
  "camera_not_found",
  "camera_lost",
  "model_not_found",
]);

/** Body a client may send: it can only narrow what the server's policy allows. */
export interface TokenRequestBody {
  /** Scope the token to this one model; it must be one the policy allows. */
  model?: string;
  /** Ask for a shorter lifetime in seconds; a longer one is clamped to the policy's. */
  expiresIn?: number;
  /**
   * Session admission: the ticket of an earlier 202 answer, to keep this caller's place in the queue; or the `id` of
   * a lease this caller holds, for a fresh token on the same slot (a reconnect) without taking a second one.
   */
  ticket?: string;
  /** Session admission: end this lease (a lease `id` from an earlier answer) instead of minting a token. */
  release?: string;
}

/** Session admission: the slot a token was minted for, held until released or until `expiresAt`. */
export interface SessionLease {
  id: string;
  /** ISO 8601 instant at which the slot is freed even if it was never released. */
  expiresAt: string;
}

/** Session admission, 202: every slot is taken; ask again with `ticket` after `retryAfter` seconds. */
export interface QueuedResponseBody {
  queued: {
    ticket: string;
    /** 1-based place in line. */
    position: number;
    /** How many are waiting in all. */
    size: number;
  };
  retryAfter: number;
}

/** Session admission: the answer to `{ release }`, the same whether or not the lease was still held. */
export interface ReleaseResponseBody {
  released: true;
}

/** Session limits carried by a token, as Decart reports them. */
export interface TokenConstraints {
  realtime?: { maxSessionDuration?: number };
}

/** A successful answer: a short-lived client token (`ek_…`), safe to hand to a browser. */
export interface TokenResponseBody {
  apiKey: string;
  /** ISO 8601 instant after which the token can no longer open sessions. */
  expiresAt: string;
  /** The model the token was scoped to, when the client asked for one. */
  model?: string;
  permissions?: { models?: string[]; origins?: string[] } | null;
  constraints?: TokenConstraints | null;
  /** Present when the route admits sessions: release it when the session ends (`{ release: lease.id }`). */
  lease?: SessionLease;
}

/** The error half of the wire protocol. */
export interface ErrorBody {
  code: ErrorCode;
  /** Human-readable; never contains a secret or upstream text. */
  message: string;
  /** Whether the same request may succeed later without any change. */
  retryable: boolean;
  /** Seconds to wait before retrying (rate limits). */
  retryAfter?: number;
}

/** An error answer: `{ "error": { code, message, retryable, retryAfter? } }`. */
export interface ErrorResponseBody {
  error: ErrorBody;
}

/** True for any JSON value shaped like an error answer. */
export function isErrorResponseBody(value: unknown): value is ErrorResponseBody {
  if (typeof value !== "object" || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as ErrorBody).code === "string" &&
    typeof (error as ErrorBody).message === "string"
  );
}

/** True for any JSON value shaped like a token answer. */
export function isTokenResponseBody(value: unknown): value is TokenResponseBody {
  if (typeof value !== "object" || value === null) return false;
  const body = value as TokenResponseBody;
  return typeof body.apiKey === "string" && body.apiKey.startsWith("ek_") && typeof body.expiresAt === "string";
}

/** True for any JSON value shaped like a session-admission 202 answer. */
export function isQueuedResponseBody(value: unknown): value is QueuedResponseBody {
  if (typeof value !== "object" || value === null) return false;
  const queued = (value as QueuedResponseBody).queued;
  return (
    typeof queued === "object" &&
    queued !== null &&
    typeof queued.ticket === "string" &&
    typeof queued.position === "number" &&
    typeof (value as QueuedResponseBody).retryAfter === "number"
  );
}
