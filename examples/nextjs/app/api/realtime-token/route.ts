import { clientIp, createFetchHandler } from "@decart-kit/core";
import { tokenPolicy } from "../../../lib/token-policy";

// Safe at import time: `next build` loads this module without DECART_API_KEY, which is read at the first request.
// The client address is the one Vercel sets (clients cannot choose it); elsewhere pick your platform's preset, e.g.
// clientIp.cloudflare, or clientIp.rightmost(1) behind one proxy you run.
export const POST = createFetchHandler({ ...tokenPolicy, getIp: clientIp.vercel });
