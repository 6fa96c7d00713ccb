import type { IncomingMessage } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import type { FileStore } from "../files/store.js";
import type { HttpRoute } from "../server.js";
import type { TokenStore } from "../tokens/store.js";
import { type Admitted, admit } from "./admission.js";
import { ControlSession, type RealtimeSession } from "./control-session.js";
import type { MediaPlane } from "./media-plane.js";
import type { ServerMessage } from "./messages.js";
import type { ResolvedRealtimeOptions } from "./options.js";

export const STREAM_PATH = "/v1/stream";

/** Images arrive base64-encoded in `set_image`; allow a large photo, refuse anything absurd. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Policy violations (bad key, model, origin) close with 1008, as Decart does. */
const POLICY_VIOLATION = 1008;
/**
 * Decart's answer to a session over the account's concurrent-session cap, as its realtime-session-queue example
 * documents it: close code 1013 ("try again later") with reason "Session Limit Reached", and no `error` message
 * first. `@decartai/sdk` 0.1.20 turns the close into `new Error("WebSocket closed: 1013 Session Limit Reached")`,
 * which it retries (the text matches none of its permanent-error substrings).
 */
export const SESSION_LIMIT_CLOSE = { code: 1013, reason: "Session Limit Reached" } as const;

export interface RefuseSessionsOptions {
  /**
   * How many upcoming sessions to refuse.
   * @default 1
   */
  times?: number;
  /**
   * Text of the `error` message sent before closing. Include "401" or "not allowed" to make the SDK give up,
   * anything else to make it retry.
   * @default "503 Service Unavailable: emulated refusal"
   */
  error?: string;
  /**
   * WebSocket close code.
   * @default 1011
   */
  code?: number;
}

/** Which channel of a session `dropSession` cuts: Decart's control WebSocket or the LiveKit media connection. */
export type DropChannel = "control" | "media";

interface Refusal {
  remaining: number;
  error: string;
  code: number;
}

export interface ControlPlaneDeps {
  apiKeys: ReadonlySet<string>;
  files: FileStore;
  tokens: TokenStore;
  options: ResolvedRealtimeOptions;
  media: MediaPlane;
}

/** Decart's `/v1/stream` control channel: the bouncer at the door, then one `ControlSession` per socket. */
export class ControlPlane {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  readonly #sessions = new Map<string, ControlSession>();
  readonly #refusals: Refusal[] = [];
  readonly #deps: ControlPlaneDeps;
  readonly #stopWatchingRooms: () => void;
  #open = 0;
  #peakOpen = 0;

  constructor(deps: ControlPlaneDeps) {
    this.#deps = deps;
    // A room that ends on the media side (browser left, peer connection lost) ends its control session too.
    this.#stopWatchingRooms = deps.media.onRoomClosed((roomName) => {
      for (const session of this.#sessions.values()) {
        if (session.open && session.roomName === roomName) session.end("room_closed", "close", "room closed");
      }
    });
  }

  readonly route: HttpRoute = {
    upgrade: (req, socket, head, path) => {
      if (path !== STREAM_PATH) return false;
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onSocket(ws, req));
      return true;
    },
  };

  /** Sessions open right now, and the most that were ever open at once. */
  counts(): { open: number; peak: number } {
    return { open: this.#open, peak: this.#peakOpen };
  }

  list(): RealtimeSession[] {
    return [...this.#sessions.values()].map((session) => session.snapshot());
  }

  /**
   * Cuts a session like a network loss. `control`: no close frame, the client sees code 1006. `media`: the LiveKit
   * connection is cut instead; the room then closes and ends the session ("room_closed").
   */
  drop(id: string, channel: DropChannel = "control"): void {
    const session = this.#sessions.get(id);
    if (!session) throw new Error(`dropSession: no session with id ${JSON.stringify(id)}`);
    if (channel === "control") {
      session.end("dropped", "terminate");
      return;
    }
    const { roomName } = session.snapshot();
    if (!roomName || !this.#deps.media.dropRoom) {
      throw new Error(`dropSession: session ${JSON.stringify(id)} has no media connection to drop`);
    }
    this.#deps.media.dropRoom(roomName);
  }

  refuse({ times = 1, error = "503 Service Unavailable: emulated refusal", code = 1011 }: RefuseSessionsOptions): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`refuseSessions: times must be >= 1, got ${times}`);
    if (!Number.isInteger(code) || code < 1000 || code > 4999 || code === 1005 || code === 1006) {
      throw new RangeError(`refuseSessions: code must be a WebSocket close code a server may send, got ${code}`);
    }
    this.#refusals.push({ remaining: times, error, code });
  }

  close(): void {
    this.#stopWatchingRooms();
    for (const session of this.#sessions.values()) session.end("emulator_closed", "terminate");
    for (const client of this.#wss.clients) client.terminate();
    this.#wss.close();
  }

  #onSocket(ws: WebSocket, req: IncomingMessage): void {
    ws.on("error", () => ws.terminate());
    const refusal = this.#takeRefusal();
    if (refusal) {
      refuseWith(ws, refusal.error, refusal.code);
      return;
    }
    const query = new URL(req.url ?? "/", "http://emulator").searchParams;
    const admission = admit({ query, origin: req.headers.origin }, this.#deps);
    if (!admission.ok) {
      refuseWith(ws, admission.error, POLICY_VIOLATION);
      return;
    }
    const cap = this.#deps.options.maxSessionsPerKey;
    if (cap !== undefined && this.#openSessionsOf(admission.owner) >= cap) {
      ws.close(SESSION_LIMIT_CLOSE.code, SESSION_LIMIT_CLOSE.reason);
      return;
    }
    this.#startSession(ws, admission);
  }

  #startSession(ws: WebSocket, admission: Admitted): void {
    const token = this.#deps.tokens.find(admission.tokenLabel);
    const session = new ControlSession(ws, admission, {
      media: this.#deps.media,
      files: this.#deps.files,
      options: this.#deps.options,
      maxSessionDuration: token?.options.constraints?.realtime?.maxSessionDuration,
      onEnd: () => this.#open--,
    });
    this.#open++;
    this.#peakOpen = Math.max(this.#peakOpen, this.#open);
    this.#sessions.set(session.id, session);
  }

  #openSessionsOf(owner: string): number {
    let count = 0;
    for (const session of this.#sessions.values()) if (session.open && session.owner === owner) count++;
    return count;
  }

  #takeRefusal(): Refusal | undefined {
    const head = this.#refusals[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) this.#refusals.shift();
    return head;
  }
}

function refuseWith(ws: WebSocket, error: string, code: number): void {
  const message: ServerMessage = { type: "error", error };
  ws.send(JSON.stringify(message));
  ws.close(code, truncateUtf8(error, 123));
}

/** A close reason may hold at most 123 bytes of UTF-8. */
function truncateUtf8(text: string, maxBytes: number): string {
  let end = text.length;
  while (Buffer.byteLength(text.slice(0, end)) > maxBytes) end--;
  return text.slice(0, end);
}
