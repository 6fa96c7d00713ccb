import type {
  createDecartClient,
  Logger,
  models,
  RealTimeClient,
  RealTimeClientConnectOptions,
  RealTimeClientInitialState,
} from "@decartai/sdk";
import { capacityError, Superseded } from "./errors";
import { cloneStream, stopStream } from "./media";
import type { RealtimeClientOptions, RealtimeConnectOptions, ResolvedModel } from "./types";

/** The two things the hook takes from `@decartai/sdk` (injectable: `sdk` option, `@decart-kit/react/testing`). */
export interface DecartSdk {
  createDecartClient: typeof createDecartClient;
  models: typeof models;
}

export interface SessionListener {
  remoteStream(stream: MediaStream): void;
  queuePosition(position: { position: number; queueSize: number }): void;
  generating(): void;
  /** Seconds of generation so far (`generationTick`). */
  tick(seconds: number): void;
  /** The server reported an error mid-session (a refused image, …); the session itself goes on. */
  serverError(error: unknown): void;
  /** The SDK lost the session on its own (it went `reconnecting`, or `disconnected` without us asking). */
  dropped(): void;
}

/**
 * One SDK client for one connection, with one token. It hands the SDK clones of the camera tracks and never uses
 * the SDK's own reconnect (that re-dials with the old token and republishes tracks LiveKit has already stopped):
 * a drop is reported, the owner closes this session and opens a new one.
 */
export class SdkSession {
  /** The live SDK client once `open()` resolved (the escape hatch); `null` before and after. Never set outside. */
  client: RealTimeClient | null = null;
  #closed = false;
  /** Rejects `open()` early: Decart's session cap (1013), seen in the SDK's log before its own retries give up. */
  #refuse: ((error: unknown) => void) | null = null;
  /** Our SDK event listeners, added once connected and removed on close. */
  readonly #events = {
    generationEnded: ({ reason }: { reason: string }) => {
      this.endReason = reason;
    },
    generationTick: ({ seconds }: { seconds: number }) => !this.#closed && this.#listener.tick(seconds),
    error: (error: unknown) => !this.#closed && this.#listener.serverError(error),
  };
  #clones: MediaStream;
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

  async open(
    model: ResolvedModel,
    initialState: RealTimeClientInitialState | undefined,
    connectOptions: RealtimeConnectOptions | undefined,
  ): Promise<void> {
    const logger = this.#watchingLogger(this.#clientOptions?.logger);
    const decart = this.#sdk.createDecartClient({ ...this.#clientOptions, logger, apiKey: this.#apiKey });
    const refused = new Promise<never>((_, reject) => {
      this.#refuse = reject;
    });
    const connecting = decart.realtime.connect(this.#clones, {
      ...connectOptions,
      model: model as RealTimeClientConnectOptions["model"],
      initialState,
      // As soon as the SDK has it: the video can start before connect() resolves.
      onRemoteStream: (stream) => {
        if (this.#closed) return;
        this.remoteStream = stream;
        this.#listener.remoteStream(stream);
      },
      onQueuePosition: (position) => {
        if (!this.#closed) this.#listener.queuePosition(position);
      },
      onConnectionChange: (state) => {
        if (this.#closed) return;
        if (state === "generating") {
          this.generating = true;
          if (this.client) this.#listener.generating();
        } else if (this.client && (state === "reconnecting" || state === "disconnected")) {
          this.#listener.dropped();
        }
      },
    });
    // connect() takes no AbortSignal: a connect that finishes after close() is ended here, at once.
    connecting.then((client) => this.#closed && client.disconnect(), noop);
    const client = await Promise.race([connecting, refused]);
    this.#refuse = null;
    if (this.#closed) throw new Superseded();
    this.client = client;
    for (const [event, listener] of Object.entries(this.#events)) client.on(event as "error", listener as () => void);
  }

  /** Publishes a clone of another camera's track in place of the current one: same session, same room. */
  async replaceCamera(camera: MediaStream): Promise<void> {
    const [track] = camera.getVideoTracks();
    if (!this.client || !track) return;
    const previous = this.#clones;
    this.#clones = cloneStream(camera);
    await this.client.replaceVideoTrack(this.#clones.getVideoTracks()[0]!);
    stopStream(previous);
  }

  close(): void {
    this.#closed = true;
    this.#refuse?.(new Superseded());
    // The SDK's disconnect() keeps its event listeners: remove ours, or every ended session stays reachable from it.
    for (const [event, listener] of Object.entries(this.#events))
      this.client?.off(event as "error", listener as () => void);
    this.client?.disconnect();
    this.client = null;
    stopStream(this.#clones);
  }

  /**
   * The SDK retries a socket closed with 1013 for ~25 s before its connect() rejects; its log says so at once.
   * Everything is passed on to the app's logger (or the console, as the SDK would log by default).
   */
  #watchingLogger(forward: Logger | undefined): Logger {
    const log =
      (level: keyof Logger) =>
      (message: string, data?: Record<string, unknown>): void => {
        if (data?.code === 1013 && !this.client) this.#refuse?.(capacityError(data.reason));
        if (forward) forward[level](message, data);
        else if (level !== "debug") console[level]("[DecartSDK]", message, ...(data ? [data] : []));
      };
    return Object.fromEntries(
      (["debug", "info", "warn", "error"] as const).map((level) => [level, log(level)]),
    ) as Logger;
  }
}

const noop = () => {};
