import { setTimeout as sleep } from "node:timers/promises";
import type { WebSocket } from "ws";
import type { FileStore } from "../files/store.js";
import { newId } from "../keys.js";
import type { Admitted } from "./admission.js";
import type { MediaPlane } from "./media-plane.js";
import { parseClientMessage, promptProblem, type ServerMessage, setImageProblem } from "./messages.js";
import type { ResolvedRealtimeOptions } from "./options.js";

/** Why a session ended. */
export type SessionEndReason = "client_closed" | "max_session_duration" | "dropped" | "room_closed" | "emulator_closed";

/** One realtime session as tests see it (a snapshot). */
export interface RealtimeSession {
  /** The `session_id` sent in `livekit_room_info`. */
  id: string;
  model: string;
  /** The `api_key` it connected with: an `ek_` token verbatim, a permanent key masked. */
  token: string;
  /** The WebSocket's `Origin` header, if any. */
  origin: string | undefined;
  /** The LiveKit room, once `livekit_room_info` was sent. */
  roomName: string | undefined;
  /** Prompt texts received, from `prompt` and `set_image` messages, in order. */
  prompts: string[];
  /** `set_image` messages that carried an image (data or reference). */
  images: number;
  open: boolean;
  endReason: SessionEndReason | undefined;
}

export interface ControlSessionDeps {
  media: MediaPlane;
  /** Looks an `image_ref` up among the files of the session's account. */
  files: FileStore;
  options: ResolvedRealtimeOptions;
  /** From the token's `constraints.realtime.maxSessionDuration`, in seconds. */
  maxSessionDuration: number | undefined;
  /** Called once, when the session ends (the control plane's count of open sessions). */
  onEnd?: () => void;
}

const TICK_MS = 1000;

/** One `/v1/stream` socket after the bouncer let it in: join → (queue) → room info → generation → end. */
export class ControlSession {
  readonly id = newId("sess");
  readonly owner: string;
  readonly #state: RealtimeSession;
  readonly #socket: WebSocket;
  readonly #deps: ControlSessionDeps;
  readonly #stop = new AbortController();
  #joined = false;
  #ticker: NodeJS.Timeout | undefined;

  constructor(socket: WebSocket, admitted: Admitted, deps: ControlSessionDeps) {
    this.#socket = socket;
    this.#deps = deps;
    this.owner = admitted.owner;
    this.#state = {
      id: this.id,
      model: admitted.model,
      token: admitted.tokenLabel,
      origin: admitted.origin,
      roomName: undefined,
      prompts: [],
      images: 0,
      open: true,
      endReason: undefined,
    };
    socket.on("message", (data, isBinary) => {
      if (!isBinary) this.#onMessage(data.toString());
    });
    socket.on("close", () => this.end("client_closed"));
  }

  get open(): boolean {
    return this.#state.open;
  }

  get roomName(): string | undefined {
    return this.#state.roomName;
  }

  snapshot(): RealtimeSession {
    return { ...this.#state, prompts: [...this.#state.prompts] };
  }

  /**
   * Ends the session once: stops its timers, closes its room, and closes the socket — cleanly (`close`), abruptly
   * like a network loss (`terminate`), or not at all when the client already closed it.
   */
  end(reason: SessionEndReason, how: "close" | "terminate" | "none" = "none", closeReason = ""): void {
    if (!this.#state.open) return;
    this.#state.open = false;
    this.#state.endReason = reason;
    this.#deps.onEnd?.();
    this.#stop.abort();
    clearInterval(this.#ticker);
    if (this.#state.roomName) this.#deps.media.closeRoom(this.#state.roomName);
    if (how === "terminate") this.#socket.terminate();
    else if (how === "close") this.#socket.close(1000, closeReason);
  }

  #send(message: ServerMessage): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  #onMessage(data: string): void {
    const reply = this.#handle(data);
    if (reply) this.#send(reply);
  }

  /** Applies one client frame and returns the frame to answer with, if any. */
  #handle(data: string): ServerMessage | undefined {
    const parsed = parseClientMessage(data);
    if (!parsed.ok) return { type: "error", error: parsed.error };
    const message = parsed.message;
    switch (message.type) {
      case "livekit_join":
        if (this.#joined) return { type: "error", error: "invalid message: livekit_join sent twice" };
        this.#joined = true;
        this.#join().catch((error: unknown) => this.#failJoin(error));
        return undefined;
      case "prompt": {
        const problem = promptProblem(message);
        if (!problem) this.#state.prompts.push(message.prompt);
        // The SDK matches a prompt_ack by its exact prompt text.
        const prompt = typeof message.prompt === "string" ? message.prompt : "";
        return { type: "prompt_ack", prompt, success: !problem, ...(problem ? { error: problem } : {}) };
      }
      case "set_image": {
        const problem = setImageProblem(message) ?? this.#unknownImageRef(message.image_ref);
        if (!problem) {
          if (message.prompt !== undefined) this.#state.prompts.push(message.prompt);
          if (message.image_ref !== undefined || typeof message.image_data === "string") this.#state.images += 1;
        }
        return { type: "set_image_ack", success: !problem, ...(problem ? { error: problem } : {}) };
      }
    }
  }

  /** An `image_ref` must name a live file of this session's account, as uploaded through `POST /v1/files`. */
  #unknownImageRef(ref: string | undefined): string | undefined {
    if (ref === undefined || this.#deps.files.find(ref, this.owner)) return undefined;
    return `image_ref not found: ${JSON.stringify(ref)} is not a file of this account (unknown, expired or deleted)`;
  }

  async #join(): Promise<void> {
    const { queuePositions, queueStepMs, roomInfoDelayMs } = this.#deps.options;
    const signal = this.#stop.signal;
    for (let position = queuePositions; position >= 1; position--) {
      this.#send({ type: "queue_position", position, queue_size: queuePositions });
      await sleep(queueStepMs, undefined, { signal });
    }
    if (roomInfoDelayMs > 0) await sleep(roomInfoDelayMs, undefined, { signal });
    const roomName = newId("room");
    const access = await this.#deps.media.openRoom({ roomName, sessionId: this.id });
    if (!this.#state.open) {
      this.#deps.media.closeRoom(roomName); // the session ended while the room was being opened
      return;
    }
    this.#state.roomName = roomName;
    this.#send({
      type: "livekit_room_info",
      livekit_url: access.livekitUrl,
      token: access.token,
      room_name: roomName,
      session_id: this.id,
    });
    this.#startGeneration();
  }

  #failJoin(error: unknown): void {
    if (!this.#state.open) return; // the wait was cut short by the session ending
    this.#send({ type: "error", error: `media plane failed to open a room: ${(error as Error)?.message ?? error}` });
    this.end("room_closed", "close", "room unavailable");
  }

  /** `generation_started`, then a `generation_tick` each second, until `maxSessionDuration` (if any) runs out. */
  #startGeneration(): void {
    this.#send({ type: "generation_started" });
    let seconds = 0;
    const limit = this.#deps.maxSessionDuration;
    this.#ticker = setInterval(() => {
      seconds += 1;
      if (limit !== undefined && seconds >= limit) {
        this.#send({ type: "generation_ended", seconds, reason: "max_session_duration" });
        this.end("max_session_duration", "close", "max session duration reached");
        return;
      }
      this.#send({ type: "generation_tick", seconds });
    }, TICK_MS);
  }
}
