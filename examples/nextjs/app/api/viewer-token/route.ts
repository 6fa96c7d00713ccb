import { clientIp, createFetchHandler } from "@decart-kit/core";
import { VIEWER_TOKEN_POLICY } from "@examples/shared/demo";
import { pageOrigins } from "../../../lib/token-policy";

// Viewers of a shared link: their own route, tightly bounded (see VIEWER_TOKEN_POLICY). Safe at import time like
// the realtime token route: the key is read at the first request.
export const POST = createFetchHandler({
  ...VIEWER_TOKEN_POLICY,
  baseUrl: process.env.DECART_BASE_URL,
  getIp: clientIp.vercel,
  allowedModels: [...VIEWER_TOKEN_POLICY.allowedModels],
  allowedOrigins: ({ request }) => pageOrigins(request.headers),
  constraints: { realtime: { maxSessionDuration: VIEWER_TOKEN_POLICY.constraints.realtime.maxSessionDuration } },
});
