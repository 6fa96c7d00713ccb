import { clientIp, createFetchHandler } from "@decart-kit/core";
import { DEMO_MAX_SESSION_SECONDS, DEMO_MODELS, type DemoUser } from "@examples/shared/demo";
import { currentUser } from "../../../lib/session";

/** The origin the browser used. `request.url` can't tell: Next builds it from its own hostname setting. */
function ownOrigin(request: Request): string {
  return `${request.headers.get("x-forwarded-proto") ?? "http"}://${request.headers.get("host")}`;
}

// Created on the first request rather than at import: `next build` imports this module without any key, and
// `instrumentation.ts` may only just have pointed DECART_API_KEY at the emulator.
let handler: ((request: Request) => Promise<Response>) | undefined;

function tokenHandler() {
  return createFetchHandler<DemoUser>({
    apiKey: process.env.DECART_API_KEY,
    baseUrl: process.env.DECART_BASE_URL,
    authorize: ({ req }) => currentUser(req.headers.get("cookie")),
    // The address Vercel sets (clients cannot choose it); elsewhere pick your platform's preset, e.g.
    // clientIp.cloudflare or clientIp.rightmost(1) behind one proxy you run. Without one, failed sign-ins go unthrottled.
    getIp: clientIp.vercel,
    allowedModels: [...DEMO_MODELS],
    // This app's own origin (and PUBLIC_ORIGIN behind a proxy): other sites can use neither route nor token.
    allowedOrigins: ({ req }) => [ownOrigin(req), process.env.PUBLIC_ORIGIN].filter((o): o is string => Boolean(o)),
    expiresIn: 60,
    constraints: { realtime: { maxSessionDuration: DEMO_MAX_SESSION_SECONDS } },
    metadata: ({ identity }) => ({ userId: identity?.id }),
  });
}

export async function POST(request: Request): Promise<Response> {
  handler ??= tokenHandler();
  return handler(request);
}
