import { headerValue } from "./client-body";
import { TokenRouteError } from "./errors";
import type { IncomingHeaders } from "./policy";

/** Headers a browser needs to read an answer sent to a listed origin (`Retry-After` included, for a 429). */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-expose-headers": "Retry-After",
  };
}

/** The request's origin if the policy lists it, so answers can carry CORS headers for it. */
export function listedOrigin(origins: readonly string[] | undefined, headers: IncomingHeaders): string | undefined {
  const origin = headerValue(headers, "origin");
  return origin !== undefined && origins?.includes(origin) ? origin : undefined;
}

/** `scheme://host[:port]` as browsers write it in `Origin`, or undefined for anything that is not one. */
function normalizedOrigin(value: string): string | undefined {
  try {
    const { origin } = new URL(value);
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * The request's own origin, from its `Host` and the protocol the framework says it arrived on (behind a proxy that
 * terminates TLS, only a framework told to trust the proxy knows it was https).
 */
function ownOrigin(protocol: string | undefined, headers: IncomingHeaders): string | undefined {
  const host = headerValue(headers, "host");
  return protocol && host ? normalizedOrigin(`${protocol}://${host}`) : undefined;
}

// Without a list, only the page's own origin may mint with the visitor's cookies (OWASP: verify the origin with
// Fetch Metadata, else compare Origin with the target origin). `same-site` is refused too: a sibling subdomain is
// another origin. A request with neither header is not a browser's (or a browser's same-origin GET-like call).
function checkSameOrigin(headers: IncomingHeaders, protocol: string | undefined): void {
  const site = headerValue(headers, "sec-fetch-site");
  if (site !== undefined) {
    if (site === "same-origin" || site === "none") return;
    throw new TokenRouteError("origin_not_allowed", "Cross-origin requests are refused (configure allowedOrigins)");
  }
  const origin = headerValue(headers, "origin");
  if (origin === undefined) return;
  const self = ownOrigin(protocol, headers);
  if (self !== undefined && normalizedOrigin(origin) === self) return;
  throw new TokenRouteError("origin_not_allowed", "Cross-origin requests are refused (configure allowedOrigins)");
}

/**
 * The one origin gate. With a list, a browser request must come from a listed origin (requests without `Origin`,
 * such as server-to-server calls, pass: the token itself is scoped to the list). Without a list, only same-origin
 * browser requests pass, so another site (a sibling subdomain included) cannot mint with a visitor's cookies.
 */
export function checkOrigin(
  origins: readonly string[] | undefined,
  headers: IncomingHeaders,
  protocol?: string | undefined,
): void {
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
  checkSameOrigin(headers, protocol);
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
