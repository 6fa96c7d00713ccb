import { headerValue } from "./client-body";
import { TokenRouteError } from "./errors";
import type { IncomingHeaders } from "./policy";

/** Headers a browser needs to read an answer sent to a listed origin. */
export function corsHeaders(origin: string): Record<string, string> {
  return { "access-control-allow-origin": origin, "access-control-allow-credentials": "true" };
}

/** The request's origin if the policy lists it, so answers can carry CORS headers for it. */
export function listedOrigin(origins: readonly string[] | undefined, headers: IncomingHeaders): string | undefined {
  const origin = headerValue(headers, "origin");
  return origin !== undefined && origins?.includes(origin) ? origin : undefined;
}

/**
 * The one origin gate. With a list, a browser request must come from a listed origin (requests without `Origin`,
 * such as server-to-server calls, pass: the token itself is scoped to the list). Without a list, a browser's
 * `Sec-Fetch-Site: cross-site` is refused, so another site cannot mint tokens with a visitor's cookies.
 */
export function checkOrigin(origins: readonly string[] | undefined, headers: IncomingHeaders): void {
  const origin = headerValue(headers, "origin");
  if (origins) {
    if (origin !== undefined && !origins.includes(origin)) {
      throw new TokenRouteError("origin_not_allowed", "This origin may not request tokens");
    }
    if (origin === undefined && headerValue(headers, "sec-fetch-site") === "cross-site") {
      throw new TokenRouteError("origin_not_allowed", "Cross-site requests must carry an allowed Origin");
    }
    return;
  }
  if (headerValue(headers, "sec-fetch-site") === "cross-site") {
    throw new TokenRouteError("origin_not_allowed", "Cross-site requests are refused (configure allowedOrigins)");
  }
}

const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

/** Headers of a successful CORS preflight answer for a listed origin. */
export function preflightHeaders(origin: string, headers: IncomingHeaders): Record<string, string> {
  const requested = headerValue(headers, "access-control-request-headers")?.trim();
  return {
    ...corsHeaders(origin),
    "access-control-allow-methods": "POST",
    // Echo what the page asks for (e.g. Authorization, a CSRF header): the origin is already trusted.
    "access-control-allow-headers": requested && HEADER_LIST.test(requested) ? requested : "content-type",
    "access-control-max-age": "600",
    vary: "Origin, Access-Control-Request-Headers",
  };
}
