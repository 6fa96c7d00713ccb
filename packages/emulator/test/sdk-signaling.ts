import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import WebSocket from "ws";

/**
 * The browser's WebSocket over `ws`, with the one difference that matters here: a browser delivers each event
 * (open, message, close) as its own task, so promise continuations run between them. `ws` emits an `open` and the
 * frames that came in the same TCP read synchronously, which the SDK (written for browsers) does not expect.
 */
class BrowserLikeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  onopen: ((event: object) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: object) => void) | null = null;
  readyState = BrowserLikeWebSocket.CONNECTING;
  readonly #socket: WebSocket;
  readonly #pending: Array<() => void> = [];

  constructor(url: string) {
    this.#socket = new WebSocket(url);
    this.#socket.on("open", () => this.#task(() => this.#deliver(BrowserLikeWebSocket.OPEN, () => this.onopen?.({}))));
    this.#socket.on("message", (data) => this.#task(() => this.onmessage?.({ data: data.toString() })));
    this.#socket.on("error", () => this.#task(() => this.onerror?.({})));
    this.#socket.on("close", (code, reason) =>
      this.#task(() =>
        this.#deliver(BrowserLikeWebSocket.CLOSED, () => this.onclose?.({ code, reason: reason.toString() })),
      ),
    );
  }

  send(data: string): void {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.readyState = BrowserLikeWebSocket.CLOSING;
    this.#socket.close(code, reason);
  }

  #deliver(state: number, handler: () => void): void {
    if (this.readyState !== BrowserLikeWebSocket.CLOSING || state === BrowserLikeWebSocket.CLOSED)
      this.readyState = state;
    handler();
  }

  /** One event per macrotask, in arrival order. */
  #task(event: () => void): void {
    this.#pending.push(event);
    if (this.#pending.length === 1) setImmediate(() => this.#drainOne());
  }

  #drainOne(): void {
    this.#pending.shift()?.();
    if (this.#pending.length > 0) setImmediate(() => this.#drainOne());
  }
}

/**
 * Loads the real `@decartai/sdk` 0.1.20 realtime session (its `StreamSession` + `SignalingChannel`, unchanged) so
 * Node tests run the SDK's own control-channel code against the emulator. Node 20 has no global WebSocket, so a
 * browser-like one over `ws` stands in; LiveKit media needs a browser, so a recorder replaces the media channel.
 */
export async function loadSdkStreamSession() {
  (globalThis as { WebSocket?: unknown }).WebSocket = BrowserLikeWebSocket;
  const sdkEntry = createRequire(import.meta.url).resolve("@decartai/sdk");
  const modulePath = join(dirname(sdkEntry), "realtime", "stream-session.js");
  const module = (await import(pathToFileURL(modulePath).href)) as {
    StreamSession: new (config: object) => SdkSession;
  };
  return module.StreamSession;
}

export interface SdkSession {
  connect(): Promise<void>;
  disconnect(): void;
  sendPrompt(text: string, options?: { enhance?: boolean }): Promise<void>;
  setImage(payload: { kind: "data"; data: string | null } | { kind: "ref"; ref: string }): Promise<void>;
  getConnectionState(): string;
  on(event: string, handler: (payload: unknown) => void): void;
}

/** Stands in for the SDK's LiveKit media channel: records where the SDK was told to connect. */
export function recordingMediaChannel() {
  const joined: Array<{ url: string; token: string }> = [];
  const handlers = new Map<string, (payload: unknown) => void>();
  const channel = {
    on: (event: string, handler: (payload: unknown) => void) => handlers.set(event, handler),
    connect: async (room: { url: string; token: string }) => {
      joined.push(room);
    },
    publishLocalTracks: async () => {},
    replaceVideoTrack: async () => {},
    disconnect: () => {},
  };
  return { joined, create: () => channel };
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** A `StreamSession` configured the way `client.realtime.connect()` configures it. */
export function sdkSessionConfig(url: string, extra: Record<string, unknown> = {}) {
  const media = recordingMediaChannel();
  return {
    media,
    config: { url, logger: silentLogger, createMediaChannel: media.create, ...extra },
  };
}

/** The URL `client.realtime.connect()` dials: `${realtimeBaseUrl}/v1/stream?api_key=…&model=…`. */
export function sdkStreamUrl(realtimeUrl: string, apiKey: string, model = "lucy-2.5"): string {
  return `${realtimeUrl}/v1/stream?${new URLSearchParams({ api_key: apiKey, model })}`;
}
