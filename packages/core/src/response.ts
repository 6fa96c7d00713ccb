import { isTokenRouteError, TokenRouteError } from "./errors";
import type { ErrorResponseBody, QueuedResponseBody, ReleaseResponseBody, TokenResponseBody } from "./protocol";
import { PERMANENT_ERROR_CODES } from "./protocol";

/** Every JSON body a token route answers: a token, an error, a place in line, or a release. */
export type TokenRouteBody = TokenResponseBody | ErrorResponseBody | QueuedResponseBody | ReleaseResponseBody;

/** What a token route answers, framework-free: adapters copy it onto their response as is. */
export interface TokenResponse {
  status: number;
  /** Lower-case header names. Always includes `cache-control: no-store`. */
  headers: Record<string, string>;
  /** The JSON text of the body (empty for a preflight). */
  body: string;
  /** The body as an object (what `mintToken` returns); `undefined` for a preflight. */
  json?: TokenRouteBody | undefined;
}

// Tokens are credentials: never cached, never sniffed, and the answer depends on the Origin it was asked from.
const BASE_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  vary: "Origin",
};

export function jsonResponse(
  status: number,
  body: TokenRouteBody,
  extraHeaders: Record<string, string> = {},
): TokenResponse {
  return {
    status,
    headers: { ...BASE_HEADERS, "content-type": "application/json; charset=utf-8", ...extraHeaders },
    body: JSON.stringify(body),
    json: body,
  };
}

export function emptyResponse(status: number, extraHeaders: Record<string, string>): TokenResponse {
  return { status, headers: { ...BASE_HEADERS, ...extraHeaders }, body: "" };
}

/** Anything thrown while handling a request, as a wire error; unknown errors become `internal_error`. */
export function toRouteError(error: unknown): TokenRouteError {
  return isTokenRouteError(error)
    ? error
    : new TokenRouteError("internal_error", "The token route failed", { cause: error });
}

/** The wire error answer for a route error. */
export function errorResponse(routeError: TokenRouteError, extraHeaders: Record<string, string> = {}): TokenResponse {
  const { code, message, retryAfter } = routeError;
  const headers = retryAfter === undefined ? extraHeaders : { ...extraHeaders, "retry-after": String(retryAfter) };
  const body: ErrorResponseBody = {
    error: {
      code,
      message,
      retryable: !PERMANENT_ERROR_CODES.has(code),
      ...(retryAfter === undefined ? {} : { retryAfter }),
    },
  };
  return jsonResponse(routeError.status, body, headers);
}
