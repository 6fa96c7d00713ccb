import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { FaultQueue } from "../faults.js";
import { readBody, sendDetail, sendJson, sendText } from "../http.js";
import type { TokenStore } from "./store.js";
import { validateTokenRequest } from "./validate.js";

export const TOKENS_PATH = "/v1/client/tokens";

export interface TokenRouteContext {
  apiKeys: ReadonlySet<string>;
  store: TokenStore;
  faults: FaultQueue;
  /** Aborted by `close()`: ends delayed requests instead of keeping the process alive. */
  lifetime: AbortSignal;
  countRequest(): void;
}

/** `POST /v1/client/tokens` as Decart serves it, with the queued fault (if any) played first. */
export async function handleTokenRequest(req: IncomingMessage, res: ServerResponse, ctx: TokenRouteContext) {
  ctx.countRequest();
  const fault = ctx.faults.take();
  switch (fault?.type) {
    case "status":
      return sendDetail(res, fault.status, fault.detail ?? `Emulated upstream failure (${fault.status})`);
    case "hang":
      return; // the request stays open until the client gives up or close() ends every connection
    case "reset":
      return req.socket.destroy();
    case "malformed-json":
      return sendText(res, 200, '{"apiKey": "ek_truncat');
    case "non-ek-key":
      return sendJson(res, 200, { apiKey: `sk_${randomBytes(16).toString("hex")}`, expiresAt: inSeconds(60) });
    case "delay":
      try {
        await sleep(fault.ms, undefined, { signal: ctx.lifetime });
      } catch {
        return; // emulator closed meanwhile
      }
  }
  await answer(req, res, ctx);
}

async function answer(req: IncomingMessage, res: ServerResponse, ctx: TokenRouteContext) {
  if (req.method !== "POST") return sendDetail(res, 405, "Method Not Allowed");
  const permanentKey = req.headers["x-api-key"];
  if (typeof permanentKey !== "string" || permanentKey === "") {
    return sendDetail(res, 401, "Missing API key: send it in the X-API-KEY header");
  }
  if (!ctx.apiKeys.has(permanentKey)) return sendDetail(res, 401, "Invalid API key");

  const text = await readBody(req);
  if (text === undefined) return sendDetail(res, 413, "Request body too large");
  let body: unknown = {};
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      return sendDetail(res, 400, "Request body is not valid JSON");
    }
  }
  const validation = validateTokenRequest(body);
  if (!validation.ok) return sendDetail(res, 400, validation.detail);
  sendJson(res, 200, ctx.store.mint(validation.request, permanentKey));
}

function inSeconds(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}
