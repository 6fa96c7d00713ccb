import type { Emulator } from "@decart-kit/emulator";
import WebSocket from "ws";

/** What a token route answered, parsed. */
export interface RouteAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON fields.
  json: any;
  ms: number;
}

/** POST a JSON body to a token route as one signed-in user (`authorization: Bearer <user>`). */
export async function postAs(url: string, user: string, body: object = {}): Promise<RouteAnswer> {
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${user}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json(), ms: performance.now() - started };
}

/** The policy's `authorize` for these users: the bearer token names the user. */
export function bearerUser(ctx: { headers: Record<string, string | string[] | undefined> }): string | undefined {
  const header = ctx.headers.authorization;
  return typeof header === "string" ? header.replace(/^Bearer /, "") : undefined;
}

/**
 * A realtime session opened with a client token the way `@decartai/sdk` opens one: `/v1/stream?api_key&model`, then
 * `livekit_join`, then wait for `livekit_room_info`. Resolves with the emulator's session id.
 */
export function openRealtimeSession(emulator: Emulator, token: string): Promise<{ id: string; socket: WebSocket }> {
  const query = new URLSearchParams({ api_key: token, model: "lucy-2.5", user_agent: "decart-kit-hardening" });
  const socket = new WebSocket(`${emulator.realtimeUrl}/v1/stream?${query}`);
  return new Promise((resolve, reject) => {
    socket.on("error", reject);
    socket.on("close", (code, reason) => reject(new Error(`realtime session refused: ${code} ${reason}`)));
    socket.on("open", () => socket.send(JSON.stringify({ type: "livekit_join", passthrough: true })));
    socket.on("message", (data) => {
      const message = JSON.parse(data.toString()) as { type: string; session_id?: string };
      if (message.type === "livekit_room_info") resolve({ id: message.session_id as string, socket });
    });
  });
}

/** Closes a realtime session and resolves once the emulator counts it as ended (not merely once our side closed). */
export async function closeRealtimeSession(emulator: Emulator, session: { id: string; socket: WebSocket }) {
  session.socket.removeAllListeners("close");
  const closed = new Promise((resolve) => session.socket.once("close", resolve));
  session.socket.close();
  await closed;
  // Listing snapshots every session: check rarely, it is nearly always over by the time the socket closed.
  while (emulator.sessions.find((candidate) => candidate.id === session.id)?.open !== false) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
