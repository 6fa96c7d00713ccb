import type { IncomingMessage, ServerResponse } from "node:http";

/** The SDK's browser calls carry `x-api-key`, `content-type` and (outside Chromium) `user-agent`. */
const ALLOWED_HEADERS = "x-api-key, content-type, user-agent";
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * CORS as a hosted API answers it: any origin may call (the key, not the origin, authorises; no cookies are read),
 * and every answer of a browser-facing endpoint carries the headers, errors included, so a page can read why it
 * was refused. Returns `true` when the request was a preflight and has been answered.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, methods: string): boolean {
  res.setHeader("access-control-allow-origin", "*");
  res.setHeader("access-control-expose-headers", "content-type, content-length");
  if (req.method !== "OPTIONS") return false;
  const requested = req.headers["access-control-request-headers"];
  res.writeHead(204, {
    "access-control-allow-methods": `${methods}, OPTIONS`,
    "access-control-allow-headers": typeof requested === "string" && requested ? requested : ALLOWED_HEADERS,
    "access-control-max-age": String(PREFLIGHT_MAX_AGE_S),
    "content-length": "0",
  });
  res.end();
  return true;
}
