import type { TokenPolicy } from "@decart-kit/core";
import { DEMO_MAX_SESSION_SECONDS, DEMO_MODELS, type DemoUser } from "@examples/shared/demo";
import { currentUser } from "./session";

/** The origin the browser used. `request.url` can't tell: Next builds it from its own hostname setting. */
function ownOrigin(headers: Headers): string {
  return `${headers.get("x-forwarded-proto") ?? "http"}://${headers.get("host")}`;
}

/** The origins this app's pages are served from: the one the browser used, and PUBLIC_ORIGIN behind a proxy. */
export function pageOrigins(headers: Headers): string[] {
  return [ownOrigin(headers), process.env.PUBLIC_ORIGIN].filter((o): o is string => Boolean(o));
}

/**
 * One policy for both ways of minting: the route handler (its `request` is the Fetch `Request`) and the server
 * action (it passes `{ headers }`). The key is read from DECART_API_KEY at the first request, so `next build`
 * needs none.
 */
export const tokenPolicy: TokenPolicy<DemoUser, { headers: Headers }> = {
  baseUrl: process.env.DECART_BASE_URL,
  // The route's way of knowing who asks; the server action passes the identity itself.
  authorize: ({ request }) => currentUser(request.headers.get("cookie")),
  allowedModels: [...DEMO_MODELS],
  // This app's own origin (and PUBLIC_ORIGIN behind a proxy): other sites can use neither route nor token.
  allowedOrigins: ({ request }) => pageOrigins(request.headers),
  expiresIn: 60,
  constraints: { realtime: { maxSessionDuration: DEMO_MAX_SESSION_SECONDS } },
  metadata: ({ identity }) => ({ userId: identity?.id }),
};
