import { createFetchHandler } from "@decart-kit/core";
import { VIEWER_TOKEN_POLICY } from "@examples/shared/demo";

/** The origin the browser used (as in ../realtime-token/route.ts). */
function ownOrigin(request: Request): string {
  return `${request.headers.get("x-forwarded-proto") ?? "http"}://${request.headers.get("host")}`;
}

// Viewers of a shared link: their own route, tightly bounded (see VIEWER_TOKEN_POLICY). Created on the first
// request, like the realtime token route, so `next build` needs no key.
let handler: ((request: Request) => Promise<Response>) | undefined;

export async function POST(request: Request): Promise<Response> {
  handler ??= createFetchHandler({
    ...VIEWER_TOKEN_POLICY,
    apiKey: process.env.DECART_API_KEY,
    baseUrl: process.env.DECART_BASE_URL,
    getIp: (req) => req.headers.get("x-forwarded-for")?.split(",")[0]?.trim(),
    allowedModels: [...VIEWER_TOKEN_POLICY.allowedModels],
    allowedOrigins: ({ req }) => [ownOrigin(req), process.env.PUBLIC_ORIGIN].filter((o): o is string => Boolean(o)),
    constraints: { realtime: { maxSessionDuration: VIEWER_TOKEN_POLICY.constraints.realtime.maxSessionDuration } },
  });
  return handler(request);
}
