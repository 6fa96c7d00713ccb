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
  ["entity.too.large", ["payload_too_large", "The body is too large"]],
  ["charset.unsupported", ["unsupported_media_type", "The body must be UTF-8 JSON"]],
  ["encoding.unsupported", ["unsupported_media_type", "Unsupported Content-Encoding"]],
]);

/**
 * The wire error for a failure of a body parser that ran before the route (e.g. `express.json()` given malformed
 * JSON), so the client gets the same JSON error as when the route parses the body itself. `undefined` for any
 * other error: it is not the route's to answer.
 */
export function bodyParserErrorResponse(
  error: unknown,
  headers: IncomingHeaders,
  policy: ResolvedPolicy,
): TokenResponse | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  const known = typeof type === "string" ? PARSER_ERRORS.get(type) : undefined;
  if (!known) return undefined;
  const fixed = policy.options.allowedOrigins;
  const origin = fixed.fixed ? listedOrigin(fixed.value as string[] | undefined, headers) : undefined;
  const routeError = new TokenRouteError(...known);
  policy.logger.debug("body parser refused the request", { code: routeError.code });
  return errorResponse(routeError, origin ? corsHeaders(origin) : {});
}
