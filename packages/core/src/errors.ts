import { SERVER_ERROR_STATUS, type ServerErrorCode } from "./protocol";

/**
 * An error that becomes one answer of the wire protocol. Throw it from `authorize` or any policy function to
 * refuse a request with a specific code, e.g. `throw new TokenRouteError("forbidden", "Trial accounts cannot stream")`.
 * Its message is sent to the client, so keep secrets out of it; any other thrown value becomes `internal_error`.
 */
export class TokenRouteError extends Error {
  override readonly name = "TokenRouteError";
  /** The wire error code; its HTTP status comes from the protocol's one list. */
  readonly code: ServerErrorCode;
  /** Seconds the client should wait before retrying (sent as `Retry-After` and `retryAfter`). */
  readonly retryAfter: number | undefined;

  constructor(code: ServerErrorCode, message: string, options: { retryAfter?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryAfter = options.retryAfter;
  }

  /** The HTTP status this code is answered with. */
  get status(): number {
    return SERVER_ERROR_STATUS[this.code];
  }
}

/** True for a TokenRouteError, even one created by another copy of this package. */
export function isTokenRouteError(value: unknown): value is TokenRouteError {
  return (
    value instanceof TokenRouteError ||
    (value instanceof Error &&
      value.name === "TokenRouteError" &&
      typeof (value as TokenRouteError).code === "string" &&
      (value as TokenRouteError).code in SERVER_ERROR_STATUS)
  );
}
