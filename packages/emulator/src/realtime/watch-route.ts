import type { IncomingMessage, ServerResponse } from "node:http";
import { type AccountRules, accountOf } from "../accounts.js";
import { applyCors } from "../cors.js";
import { sendDetail, sendJson } from "../http.js";
import type { MediaPlane } from "./media-plane.js";

export const WATCH_PATH_PREFIX = "/watch-stream/";

export interface WatchRouteContext extends AccountRules {
  /** Read per request: the media plane exists only once the port is bound. */
  media(): MediaPlane | undefined;
}

/**
 * `POST /watch-stream/:room` as the SDK's `realtime.subscribe` calls it: any valid key of the platform (a client
 * token or a permanent key) may watch a live room, and gets a view-only LiveKit grant for it.
 */
export function handleWatchRequest(req: IncomingMessage, res: ServerResponse, path: string, ctx: WatchRouteContext) {
  if (applyCors(req, res, "POST")) return;
  if (req.method !== "POST") return sendDetail(res, 405, "Method Not Allowed");
  const account = accountOf(req.headers["x-api-key"], ctx);
  if (!account.ok) return sendDetail(res, 401, account.detail);
  const roomName = safeDecode(path.slice(WATCH_PATH_PREFIX.length));
  const access = roomName ? ctx.media()?.admitViewer?.(roomName) : undefined;
  if (!roomName || !access) return sendDetail(res, 404, "Stream not found: the session has ended or never started");
  // The body (the SDK sends none) is not needed; drain it so keep-alive connections stay usable.
  req.resume();
  sendJson(res, 200, { livekit_url: access.livekitUrl, token: access.token, room_name: roomName });
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
