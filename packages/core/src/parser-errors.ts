import { TokenRouteError } from "./errors";
import { corsHeaders, listedOrigin } from "./origin";
import type { IncomingHeaders } from "./policy";
import type { ServerErrorCode } from "./protocol";
import type { ResolvedPolicy } from "./resolve-policy";
import { errorResponse, type TokenResponse } from "./response";

// raw-body, and the parsers built on it (body-parser, co-body, koa-bodyparser, @koa/bodyparser), mark their
// errors with these types.
const PARSER_ERRORS = new Map<string, [ServerErrorCode, string]>([
  ["entity.parse.failed", ["invalid_request", "The body is not valid JSON"]],
  ["entity.verify.failed", ["invalid_request", "The body was rejected"]],
  ["request.size.invalid", ["invalid_request", "The body does not match its Content-Length"]],
  // The client went away mid-body; nobody reads this answer, but it must not reach the app's error handler.
  ["request.aborted", ["invalid_request", "The request ended before its body"]],
  ["entity.too.large", ["payload_too_large", "The body is too large"]],
  ["charset.unsupported", ["unsupported_media_type", "The body must be UTF-8 JSON"]],
  ["encoding.unsupported", ["unsupported_media_type", "Unsupported Content-Encoding"]],
]);

// Fastify's own body parsing marks its errors with these codes (Fastify 4 and 5).
const FASTIFY_ERRORS = new Map<string, [ServerErrorCode, string]>([
  ["FST_ERR_CTP_INVALID_JSON_BODY", ["invalid_request", "The body is not valid JSON"]],
  ["FST_ERR_CTP_INVALID_CONTENT_LENGTH", ["invalid_request", "The body does not match its Content-Length"]],
  ["FST_ERR_CTP_BODY_TOO_LARGE", ["payload_too_large", "The body is too large"]],
  [
    "FST_ERR_CTP_INVALID_MEDIA_TYPE",
    ["unsupported_media_type", "The body must be JSON (Content-Type: application/json)"],
  ],
]);

// A Content-Encoding body that does not inflate: body-parser passes zlib's error on as a 400 without a `type`
// (found by fuzzing: it reached Express's HTML error page).
const NOT_DECOMPRESSIBLE: [ServerErrorCode, string] = ["invalid_request", "The body could not be decompressed"];

function knownParserError(error: unknown): [ServerErrorCode, string] | undefined {
  const { type, code, status, statusCode, errno } = (error ?? {}) as Record<string, unknown>;
  if (typeof type === "string") return PARSER_ERRORS.get(type);
  if (typeof code === "string" && code.startsWith("FST_ERR_CTP_")) return FASTIFY_ERRORS.get(code);
  // Fastify 4 passes secure-json-parse's SyntaxError on (bad JSON, a __proto__ key) with a 400 status and no code.
  if (error instanceof SyntaxError && statusCode === 400) return PARSER_ERRORS.get("entity.parse.failed");
  return status === 400 && typeof errno === "number" ? NOT_DECOMPRESSIBLE : undefined;
}

/**
 * The wire error for a failure of a body parser that ran before the route (e.g. `express.json()` given malformed
 * JSON, or Fastify's own content-type parser), so the client gets the same JSON error as when the route parses the
 * body itself. `undefined` for any
 * other error: it is not the route's to answer.
 */
export function bodyParserErrorResponse(
  error: unknown,
  headers: IncomingHeaders,
  policy: ResolvedPolicy,
): TokenResponse | undefined {
  const known = knownParserError(error);
  if (!known) return undefined;
  const fixed = policy.options.allowedOrigins;
  const origin = fixed.fixed ? listedOrigin(fixed.value as string[] | undefined, headers) : undefined;
  const routeError = new TokenRouteError(...known);
  policy.logger.debug("body parser refused the request", { code: routeError.code });
  return errorResponse(routeError, origin ? corsHeaders(origin) : {});
}
