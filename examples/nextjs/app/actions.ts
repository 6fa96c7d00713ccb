"use server";

import { clientIp, mintToken } from "@decart-kit/core";
import { headers } from "next/headers";
import { currentUser } from "../lib/session";
import { tokenPolicy } from "../lib/token-policy";

/**
 * The second way to mint: a server action, for pages that call the server without an API route. Same policy,
 * same checks, same answer as POST /api/realtime-token: a token, or `{ error: { code, message, retryable } }`.
 */
export async function realtimeToken(request: { model?: string }) {
  const requestHeaders = await headers();
  return mintToken(tokenPolicy, {
    identity: currentUser(requestHeaders.get("cookie")) ?? null,
    ip: clientIp.vercel({ headers: requestHeaders }), // the same source as the route's getIp
    origin: requestHeaders.get("origin") ?? undefined,
    body: { model: request.model },
    request: { headers: requestHeaders },
  });
}
