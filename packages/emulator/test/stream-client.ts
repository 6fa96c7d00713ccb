import WebSocket from "ws";
import type { Emulator, ServerMessage } from "../src/index.js";
import { EMULATOR_API_KEY } from "../src/index.js";

export interface StreamOptions {
  apiKey?: string | null;
  model?: string | null;
  origin?: string;
}

type Received = ServerMessage & Record<string, unknown>;

/**
 * A raw `/v1/stream` client, dialled the way `@decartai/sdk` 0.1.20 dials it
 * (`?api_key=…&model=…&user_agent=…`), that records every frame and the close.
 */
export class StreamClient {
  readonly received: Received[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
  readonly #socket: WebSocket;
  #waiters: Array<() => void> = [];

  constructor(emulator: Emulator, { apiKey = EMULATOR_API_KEY, model = "lucy-2.5", origin }: StreamOptions = {}) {
    const query = new URLSearchParams();
    if (apiKey !== null) query.set("api_key", apiKey);
    if (model !== null) query.set("model", model);
    query.set("user_agent", "decart-kit-tests");
    this.#socket = new WebSocket(`${emulator.realtimeUrl}/v1/stream?${query}`, origin ? { origin } : {});
    this.opened = new Promise((resolve, reject) => {
      this.#socket.once("open", () => resolve());
      this.#socket.once("error", reject);
    });
    this.closed = new Promise((resolve) => {
      this.#socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    this.#socket.on("error", () => {});
    this.#socket.on("message", (data) => {
      this.received.push(JSON.parse(data.toString()));
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  send(message: unknown): void {
    this.#socket.send(JSON.stringify(message));
  }

  /** The SDK's opening: `livekit_join` with `passthrough`, as `openAndJoin` writes it. */
  join(passthrough = true): void {
    this.send({ type: "livekit_join", passthrough });
  }

  close(): void {
    this.#socket.close();
  }

  types(): string[] {
    return this.received.map((message) => message.type);
  }

  /** Resolves with the first received message of `type` (already received or upcoming). */
  async next<T extends ServerMessage["type"]>(type: T, timeoutMs = 5000): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((message) => message.type === type);
      if (found) return found as unknown as Extract<ServerMessage, { type: T }>;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} within ${timeoutMs} ms; got ${JSON.stringify(this.types())}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** Opens a stream and waits until the emulator has answered `livekit_join`. */
export async function joinedStream(emulator: Emulator, options?: StreamOptions) {
  const client = new StreamClient(emulator, options);
  await client.opened;
  client.join();
  const roomInfo = await client.next("livekit_room_info");
  return { client, roomInfo };
}
