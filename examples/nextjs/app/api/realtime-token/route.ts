import { createFetchHandler } from "@decart-kit/core";
import { tokenPolicy } from "../../../lib/token-policy";

// Safe at import time: `next build` loads this module without DECART_API_KEY, which is read at the first request.
export const POST = createFetchHandler({
  ...tokenPolicy,
  getIp: (request) => request.headers.get("x-forwarded-for")?.split(",")[0]?.trim(),
});
