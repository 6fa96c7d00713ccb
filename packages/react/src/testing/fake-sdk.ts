import type { DecartSdk } from "../sdk-session";
import { FakeMediaStream, FakeMediaStreamTrack } from "./fake-media";
import { FakeWatchBackend } from "./fake-subscribe";

/**
 * A stand-in for `@decartai/sdk` 0.1.20's browser realtime client, written from its dist code
 * (realtime/client.js, stream-session.js, event-buffer.js, create-client.js), for jsdom where WebRTC cannot run:
 * - `createDecartClient` validates `apiKey` and URLs and throws `DecartSDKError`-shaped objects like the SDK;
 * - `connect(stream, options)` reports `connecting` through `onConnectionChange`, sends queue positions through
 *   `onQueuePosition`, resolves after the handshake (remote stream first, then `connected`), and rejects with a
 *   plain `Error` carrying the server's text when the server refuses;
 * - events registered with `on` are buffered until `connect` resolves and flushed on a timer, as the SDK does;
 * - `disconnect()` stops the tracks it was given (LiveKit's `room.disconnect()` does) and reports `disconnected`;
 * - a dropped connection makes it go `reconnecting` and re-dial with the same token and the same, by then stopped,
 *   tracks: a refused token ends `disconnected` plus an `error` event; an accepted one is `connected` but frozen.
 * The models registry is the real one.
 */
export interface FakeSession {
  id: string;
  apiKey: string;
  model: string;
  initialPrompt: string | undefined;
  initialImage: unknown;
  prompts: string[];
  images: unknown[];
  /** Every `set()` message, as sent. */
  sets: unknown[];
  /** Tracks published later in place of the first (`replaceVideoTrack`). */
  replacedTracks: FakeMediaStreamTrack[];
  /** The tracks the SDK was handed (and publishes). */
  tracks: FakeMediaStreamTrack[];
  open: boolean;
  /** Published tracks were already ended: the remote video would be frozen. */
  frozen: boolean;
  client: FakeClient | null;
}

type Listener = (data: unknown) => void;
type State = "connecting" | "connected" | "generating" | "disconnected" | "reconnecting";
const PERMANENT = ["permission denied", "not allowed", "invalid session", "401", "invalid api key", "unauthorized"];

export class FakeDecartBackend {
  sessions: FakeSession[] = [];
  clientOptions: Record<string, unknown>[] = [];
  /** The options of every `realtime.connect` call, callbacks included. */
  connectOptions: Record<string, unknown>[] = [];
  /** The server's word on a token at session open: `null` accepts, a string is the refusal text. */
  checkToken: (apiKey: string) => string | null = (apiKey) => (apiKey.startsWith("ek_") ? null : "401 invalid api key");
  /** When the handshake completes (resolve) or fails (reject with the server's error). Default: next macrotask. */
  handshake: (session: FakeSession) => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 1));
  queuePositions = 0;
  /** Live rooms and viewers for `realtime.subscribe` (see fake-subscribe.ts). */
  readonly watch = new FakeWatchBackend();
  /** How long each `setPrompt`/`set` takes to be acknowledged (ms). */
  ackDelayMs = 0;
  /** Decart's concurrent-session cap: sessions over it are refused with 1013 (`0`: no cap). */
  sessionCap = 0;
  private nextId = 0;

  get openSessions(): FakeSession[] {
    return this.sessions.filter((session) => session.open);
  }

  newSession(apiKey: string, model: string, tracks: FakeMediaStreamTrack[], initial: InitialState | undefined) {
    const session: FakeSession = {
      id: `fake-session-${++this.nextId}`,
      apiKey,
      model,
      initialPrompt: initial?.prompt?.text,
      initialImage: initial?.image,
      prompts: [],
      images: [],
      sets: [],
      replacedTracks: [],
      tracks,
      open: false,
      frozen: tracks.some((track) => track.readyState === "ended"),
      client: null,
    };
    this.sessions.push(session);
    return session;
  }

  /** The network drops the session (what the emulator's `dropSession` does to a real one). */
  drop(session: FakeSession): void {
    session.client?.lose();
  }

  /** The server ends the generation (`generation_ended`) and closes the session, e.g. at `maxSessionDuration`. */
  end(session: FakeSession, reason: string): void {
    session.client?.emit("generationEnded", { seconds: 10, reason });
    session.client?.lose();
  }

  startGenerating(session: FakeSession): void {
    session.client?.setState("generating");
    session.client?.emit("generationTick", { seconds: 1 });
  }

  /** A server error mid-session (the SDK's `error` event), e.g. a refused image. The session goes on. */
  serverError(session: FakeSession, message: string): void {
    session.client?.emit("error", { code: "WEBRTC_SERVER_ERROR", message });
  }

  /** The SDK's connection-quality verdict for a session (`connectionQuality` event). */
  reportQuality(session: FakeSession, quality: "good" | "fair" | "poor" | "critical"): void {
    session.client?.emit("connectionQuality", { quality, limitingFactor: "none", warmingUp: false, metrics: {} });
  }

  emitStats(session: FakeSession, count: number): void {
    for (let i = 0; i < count; i++) session.client?.emit("stats", { timestamp: Date.now(), video: null });
  }

  reset(): void {
    this.sessions = [];
    this.clientOptions = [];
    this.connectOptions = [];
    this.queuePositions = 0;
    this.watch.reset();
    this.ackDelayMs = 0;
    this.sessionCap = 0;
    this.handshake = () => new Promise((resolve) => setTimeout(resolve, 1));
    this.checkToken = (apiKey) => (apiKey.startsWith("ek_") ? null : "401 invalid api key");
  }
}

type InitialState = { prompt?: { text: string; enhance?: boolean }; image?: unknown };
type ConnectOptions = {
  mirror?: unknown;
  resolution?: unknown;
  model: { name: string; urlPath: string; fps: unknown; width: number; height: number };
  onRemoteStream: (stream: MediaStream) => void;
  onConnectionChange?: (state: State) => void;
  onQueuePosition?: (position: { position: number; queueSize: number }) => void;
  initialState?: InitialState;
};

function serverError(text: string): Error {
  return Object.assign(new Error(text), { source: "server" });
}

class FakeClient {
  private state: State = "disconnected";
  private readonly listeners = new Map<string, Set<Listener>>();
  private buffered: [string, unknown][] | null = [];
  private disposed = false;
  sessionId: string | null = null;
  subscribeToken: string | null = null;
  logger: { warn: (message: string, data?: Record<string, unknown>) => void } | undefined;

  constructor(
    private readonly backend: FakeDecartBackend,
    private session: FakeSession,
    private readonly stream: FakeMediaStream,
    private readonly options: ConnectOptions,
  ) {}

  setState(state: State): void {
    if (this.state === state || (state === "generating" && this.state !== "connected")) return;
    this.state = state;
    this.emit("connectionChange", state);
    this.options.onConnectionChange?.(state);
  }

  emit(event: string, data: unknown): void {
    if (this.buffered) this.buffered.push([event, data]);
    else for (const listener of this.listeners.get(event) ?? []) listener(data);
  }

  async handshake(): Promise<void> {
    this.setState("connecting");
    const refusal = this.backend.checkToken(this.session.apiKey);
    try {
      if (refusal) throw serverError(refusal);
      if (this.backend.sessionCap && this.backend.openSessions.length >= this.backend.sessionCap) {
        // The socket closes with 1013; the SDK logs it, then keeps retrying for a while before giving up.
        this.logger?.warn("signaling: websocket closed", { code: 1013, reason: "session limit reached" });
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        throw new Error("WebSocket closed: 1013 session limit reached");
      }
      for (let n = this.backend.queuePositions; n > 0; n--) {
        this.options.onQueuePosition?.({ position: n, queueSize: this.backend.queuePositions });
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await this.backend.handshake(this.session);
    } catch (error) {
      this.setState("disconnected");
      throw error;
    }
    this.session.open = true;
    this.session.client = this;
    this.options.onRemoteStream(
      new FakeMediaStream([new FakeMediaStreamTrack("video", "remote")]) as unknown as MediaStream,
    );
    this.sessionId = this.session.id;
    this.subscribeToken = `subscribe-${this.session.id}`;
    this.setState("connected");
  }

  /** After `connect` resolves the SDK replays buffered events on a timer, then emits directly. */
  flush(): void {
    setTimeout(() => {
      const events = this.buffered ?? [];
      this.buffered = null;
      for (const [event, data] of events) this.emit(event, data);
    }, 0);
  }

  /** Connection loss: the SDK's own reconnect, with the same token and the same tracks. */
  lose(): void {
    if (this.disposed || (this.state !== "connected" && this.state !== "generating")) return;
    this.session.open = false;
    this.setState("reconnecting");
    setTimeout(() => {
      if (this.disposed) return;
      this.stopGivenTracks();
      const refusal = this.backend.checkToken(this.session.apiKey);
      if (refusal && PERMANENT.some((text) => refusal.toLowerCase().includes(text))) {
        this.setState("disconnected");
        this.emit("error", { code: "WEBRTC_SERVER_ERROR", message: refusal });
        return;
      }
      this.session = this.backend.newSession(
        this.session.apiKey,
        this.session.model,
        this.stream.getTracks(),
        undefined,
      );
      this.session.open = true;
      this.session.client = this;
      this.setState("connected");
    }, 1);
  }

  private stopGivenTracks(): void {
    for (const track of this.stream.getTracks()) track.stop();
  }

  private assertConnected(): void {
    if (this.state !== "connected" && this.state !== "generating") {
      throw new Error(`Cannot send message: connection is ${this.state}`);
    }
  }

  api() {
    const client = this;
    return {
      setPrompt: async (prompt: string, _options?: { enhance?: boolean }) => {
        if (typeof prompt !== "string" || prompt.length < 1) throw new Error("prompt: Too small");
        this.assertConnected();
        this.session.prompts.push(prompt);
        if (this.backend.ackDelayMs) await new Promise((resolve) => setTimeout(resolve, this.backend.ackDelayMs));
      },
      set: async (input: { prompt?: string; enhance?: boolean; image?: unknown }) => {
        if (input.prompt === undefined && input.image === undefined)
          throw new Error("At least one of 'prompt' or 'image' must be provided");
        this.assertConnected();
        this.session.sets.push(input);
        if (input.prompt !== undefined) this.session.prompts.push(input.prompt);
        if (input.image !== undefined) this.session.images.push(input.image);
        if (this.backend.ackDelayMs) await new Promise((resolve) => setTimeout(resolve, this.backend.ackDelayMs));
      },
      replaceVideoTrack: async (track: FakeMediaStreamTrack) => {
        this.assertConnected();
        this.session.replacedTracks.push(track);
        this.session.tracks = [track];
      },
      setImage: async (image: unknown) => {
        this.assertConnected();
        this.session.images.push(image);
      },
      isConnected: () => this.state === "connected" || this.state === "generating",
      getConnectionState: () => this.state,
      getConnectionQuality: () => null,
      disconnect: () => {
        this.buffered = null;
        this.disposed = true;
        this.session.open = false;
        this.stopGivenTracks();
        this.setState("disconnected");
      },
      on: (event: string, listener: Listener) => {
        if (!this.listeners.has(event)) this.listeners.set(event, new Set());
        this.listeners.get(event)!.add(listener);
      },
      off: (event: string, listener: Listener) => this.listeners.get(event)?.delete(listener),
      get sessionId() {
        return client.sessionId;
      },
      get subscribeToken() {
        return client.subscribeToken;
      },
    };
  }
}

export function createFakeSdk(backend: FakeDecartBackend, models: DecartSdk["models"]): DecartSdk {
  const createDecartClient = (
    options: { apiKey?: string; baseUrl?: string; realtimeBaseUrl?: string; logger?: FakeClient["logger"] } = {},
  ) => {
    if (!options.apiKey) throw { code: "INVALID_API_KEY", message: "Missing API key." };
    for (const url of [options.baseUrl, options.realtimeBaseUrl]) {
      if (url !== undefined && !URL.canParse(url))
        throw { code: "INVALID_BASE_URL", message: `Invalid base URL: ${url}` };
    }
    const { logger: _logger, ...recorded } = options;
    backend.clientOptions.push(recorded);
    const apiKey = options.apiKey;
    return {
      realtime: {
        connect: async (stream: FakeMediaStream, connectOptions: ConnectOptions) => {
          const { model, onRemoteStream } = connectOptions;
          backend.connectOptions.push({ ...connectOptions });
          if (!model || typeof model.name !== "string" || typeof model.urlPath !== "string") {
            throw new Error("Invalid input: model");
          }
          if (typeof onRemoteStream !== "function") throw new Error("onRemoteStream must be a function");
          const session = backend.newSession(apiKey, model.name, stream.getTracks(), connectOptions.initialState);
          const client = new FakeClient(backend, session, stream, connectOptions);
          client.logger = options.logger;
          await client.handshake();
          client.flush();
          return client.api();
        },
        subscribe: (subscribeOptions: Parameters<FakeWatchBackend["subscribe"]>[1]) =>
          backend.watch.subscribe(apiKey, subscribeOptions),
      },
    };
  };
  return { createDecartClient, models } as unknown as DecartSdk;
}
