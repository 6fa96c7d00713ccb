import { type ErrorCode, PERMANENT_ERROR_CODES } from "@decart-kit/core/protocol";

/**
 * Every failure the hook reports: a `code` from the shared list (server codes from the token endpoint plus the
 * client codes), a readable `message`, whether the same action may succeed later (`retryable`), and the `cause`.
 */
export class DecartRealtimeError extends Error {
  override readonly name = "DecartRealtimeError";
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** Seconds the token endpoint asked to wait (rate limits, session admission). */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; cause?: unknown; retryAfter?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? !PERMANENT_ERROR_CODES.has(code);
    this.retryAfter = options.retryAfter;
  }
}

/** The camera errors `getUserMedia` rejects with, by DOMException name; anything else (`NotReadableError`, …) means in use. */
const CAMERA_CODES: Record<string, ErrorCode> = {
  NotAllowedError: "camera_denied",
  SecurityError: "camera_denied",
  NotFoundError: "camera_not_found",
  OverconstrainedError: "camera_not_found",
};

export function cameraError(cause: unknown): DecartRealtimeError {
  const code = CAMERA_CODES[(cause as Error)?.name] ?? "camera_in_use";
  return new DecartRealtimeError(code, `Camera unavailable: ${(cause as Error)?.message || code}`, { cause });
}

/**
 * What the SDK reports, in our codes. `connect()` rejects with a plain `Error` whose text is the server's (the SDK
 * itself treats "401"/"unauthorized"/"not allowed" as permanent); model lookups throw a `DecartSDKError` object.
 */
export function sdkError(cause: unknown): DecartRealtimeError {
  if (cause instanceof DecartRealtimeError) return cause;
  const code = (cause as { code?: unknown } | null)?.code;
  const message = String((cause as { message?: unknown } | null)?.message ?? cause);
  if (code === "MODEL_NOT_FOUND") return new DecartRealtimeError("model_not_found", message, { cause });
  const text = message.toLowerCase();
  if (/\b1013\b|session limit/.test(text)) return capacityError(cause);
  if (text.includes("origin not allowed")) return new DecartRealtimeError("origin_not_allowed", message, { cause });
  if (text.includes("model not allowed")) return new DecartRealtimeError("model_not_allowed", message, { cause });
  if (/\b401\b|unauthorized|invalid api key|expired/.test(text)) {
    // The server refused the token; a fresh one may well succeed, so this is worth another attempt.
    return new DecartRealtimeError("token_expired", message, { cause, retryable: true });
  }
  return new DecartRealtimeError("connect_failed", `Connect failed: ${message}`, { cause });
}

/** Decart's concurrent-session cap: the realtime socket closed with 1013 ("try again later"). */
export function capacityError(cause: unknown): DecartRealtimeError {
  return new DecartRealtimeError("capacity", "Decart is at capacity (1013)", {
    cause,
    retryable: true,
  });
}

export function connectTimeout(ms: number): DecartRealtimeError {
  return new DecartRealtimeError("connect_timeout", `No connection within ${ms} ms`, { retryable: true });
}

/** An error the server sent mid-session (the SDK's `error` event): reported, the session goes on. */
export function serverError(cause: unknown): DecartRealtimeError {
  const message = String((cause as { message?: unknown } | null)?.message ?? cause);
  return new DecartRealtimeError("upstream_error", `Decart reported: ${message}`, { cause, retryable: false });
}

/** Thrown into work that no longer matters (disconnected, unmounted or restarted meanwhile); never reported. */
export class Superseded extends Error {}

export function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === "AbortError";
}
