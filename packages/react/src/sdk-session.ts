import type { createDecartClient, models, RealTimeClient, RealTimeClientInitialState } from "@decartai/sdk";
import { Superseded } from "./errors";
import { cloneStream, stopStream } from "./media";
import type { RealtimeClientOptions, ResolvedModel } from "./types";

/** The two things the hook takes from `@decartai/sdk` (injectable so the controller can be tested without it). */
export interface DecartSdk {
  createDecartClient: typeof createDecartClient;
  models: typeof models;
}

export interface SessionListener {
  remoteStream(stream: MediaStream): void;
  queuePosition(position: { position: number; queueSize: number }): void;
  generating(): void;
  /** The SDK lost the session on its own (it went `reconnecting`, or `disconnected` without us asking). */
  dropped(): void;
}

/**
 * One SDK client for one connection, with one token. It hands the SDK clones of the camera tracks and never uses
 * the SDK's own reconnect (that re-dials with the old token and republishes tracks LiveKit has already stopped):
 * a drop is reported, the owner closes this session and opens a new one.
 */
export class SdkSession {
  #client: RealTimeClient | null = null;
  #closed = false;
  readonly #onGenerationEnded = ({ reason }: { reason: string }) => {
    this.endReason = reason;
  };
  readonly #clones: MediaStream;
  remoteStream: MediaStream | null = null;
  generating = false;
  /** Why the server ended the generation (`generation_ended`), e.g. `max_session_duration`. */
  endReason: string | null = null;

  readonly #sdk: DecartSdk;
  readonly #clientOptions: RealtimeClientOptions | undefined;
  readonly #apiKey: string;
  readonly #listener: SessionListener;

  constructor(
    sdk: DecartSdk,
    clientOptions: RealtimeClientOptions | undefined,
    apiKey: string,
    camera: MediaStream,
    listener: SessionListener,
  ) {
    this.#sdk = sdk;
    this.#clientOptions = clientOptions;
    this.#apiKey = apiKey;
    this.#listener = listener;
    this.#clones = cloneStream(camera);
  }

  get sessionId(): string | null {
    return this.#client?.sessionId ?? null;
  }

  async open(model: ResolvedModel, initialState: RealTimeClientInitialState | undefined): Promise<void> {
    const decart = this.#sdk.createDecartClient({ ...this.#clientOptions, apiKey: this.#apiKey });
    const client = await decart.realtime.connect(this.#clones, {
      model: model as Parameters<typeof decart.realtime.connect>[1]["model"],
      initialState,
      onRemoteStream: (stream) => {
        if (this.#closed) return;
        this.remoteStream = stream;
        if (this.#client) this.#listener.remoteStream(stream);
      },
      onQueuePosition: (position) => {
        if (!this.#closed) this.#listener.queuePosition(position);
      },
      onConnectionChange: (state) => {
        if (this.#closed) return;
        if (state === "generating") {
          this.generating = true;
          if (this.#client) this.#listener.generating();
        } else if (this.#client && (state === "reconnecting" || state === "disconnected")) {
          this.#listener.dropped();
        }
      },
    });
    // connect() takes no AbortSignal: a connect that finishes after close() is ended here, at once.
    if (this.#closed) {
      client.disconnect();
      throw new Superseded();
    }
    this.#client = client;
    client.on("generationEnded", this.#onGenerationEnded);
  }

  /** Only once `open()` resolved: the owner sends prompts and images to connected sessions only. */
  setPrompt(text: string, enhance: boolean | undefined): Promise<void> {
    return this.#client!.setPrompt(text, { enhance });
  }

  setImage(image: Blob | string | null): Promise<void> {
    return this.#client!.setImage(image);
  }

  close(): void {
    this.#closed = true;
    // The SDK's disconnect() keeps its event listeners: remove ours, or every ended session stays reachable from it.
    this.#client?.off("generationEnded", this.#onGenerationEnded);
    this.#client?.disconnect();
    this.#client = null;
    stopStream(this.#clones);
  }
}
