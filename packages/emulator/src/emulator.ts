import { type Fault, FaultQueue } from "./faults.js";
import { FILES_PATH, handleFilesRequest } from "./files/route.js";
import { FileStore } from "./files/store.js";
import { EMULATOR_API_KEY } from "./keys.js";
import { createLiveKitMediaPlane } from "./media/livekit-media-plane.js";
import { ControlPlane, type DropChannel, type RefuseSessionsOptions } from "./realtime/control-plane.js";
import type { RealtimeSession } from "./realtime/control-session.js";
import type { MediaPlane, MediaPlaneFactory } from "./realtime/media-plane.js";
import { type RealtimeOptions, resolveRealtimeOptions } from "./realtime/options.js";
import { handleWatchRequest, WATCH_PATH_PREFIX } from "./realtime/watch-route.js";
import { createRoutedServer, type HttpRoute, listen, shutdown } from "./server.js";
import { handleTokenRequest, TOKENS_PATH, type TokenRouteContext } from "./tokens/route.js";
import { type IssuedToken, TokenStore } from "./tokens/store.js";

export interface EmulatorOptions {
  /**
   * Interface to listen on. Keep it on loopback: the emulator accepts a public, well-known key.
   * @default "127.0.0.1"
   */
  host?: string;
  /**
   * Port to listen on; 0 picks a free one (read it back from `url`).
   * @default 0
   */
  port?: number;
  /**
   * Permanent keys accepted in `X-API-KEY` (and as a realtime `api_key`).
   * @default [EMULATOR_API_KEY]
   * @example ["my-ci-key"]
   */
  apiKeys?: string[];
  /** Knobs of the realtime control plane (queue, delays, session cap). */
  realtime?: RealtimeOptions;
  /**
   * Builds the media plane (LiveKit) once the port is bound.
   * @default LiveKit on the emulator's own port, echoing each browser's camera back as the `inference-server-` participant
   */
  mediaPlane?: MediaPlaneFactory;
}

export interface Emulator {
  /** `http://host:port`: pass as the SDK's `baseUrl`. */
  readonly url: string;
  /** `ws://host:port`: pass as the SDK's `realtimeBaseUrl`. */
  readonly realtimeUrl: string;
  /** Every client token minted so far, in mint order (a snapshot). */
  readonly issued: IssuedToken[];
  /** `POST /v1/client/tokens` requests received, faulted and refused ones included. */
  readonly tokenRequests: number;
  /**
   * Queues a failure for the next token requests (FIFO); `times` omitted means until `clearFaults()`.
   * @example emulator.fault({ type: "status", status: 503, times: 1 })
   */
  fault(fault: Fault): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Every realtime session so far, open and ended, in opening order (snapshots). */
  readonly sessions: RealtimeSession[];
  /** Realtime sessions open right now, every account together. */
  readonly openSessions: number;
  /**
   * The most realtime sessions that were ever open at the same instant since the emulator started: a check on
   * session admission that cannot be fooled by sampling.
   */
  readonly peakOpenSessions: number;
  /**
   * Cuts a session like a network loss. By default its control socket (no close frame; its room closes too);
   * `{ channel: "media" }` cuts its LiveKit connection instead (no `leave`), which closes the room and the session.
   * @example emulator.dropSession(emulator.sessions[0].id, { channel: "media" })
   */
  dropSession(id: string, options?: { channel?: DropChannel }): void;
  /**
   * Refuses the next sessions with an `error` message and a close code, as an overloaded Decart would.
   * @example emulator.refuseSessions({ times: 2, error: "503 no capacity" })
   */
  refuseSessions(options?: RefuseSessionsOptions): void;
  /** Closes every socket (hung requests included) and resolves once the port is free. */
  close(): Promise<void>;
}

/**
 * Starts a local stand-in for Decart's API on a real port.
 * @example
 * const emulator = await startEmulator();
 * const client = createDecartClient({ apiKey: EMULATOR_API_KEY, baseUrl: emulator.url });
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { host = "127.0.0.1", port = 0, apiKeys = [EMULATOR_API_KEY], mediaPlane: buildMediaPlane } = options;
  checkOptions(port, apiKeys);
  const realtime = resolveRealtimeOptions(options.realtime);
  const lifetime = new AbortController();
  const store = new TokenStore();
  const files = new FileStore();
  const faults = new FaultQueue();
  let tokenRequests = 0;
  let media: MediaPlane | undefined;
  let control: ControlPlane | undefined;

  const acceptedKeys = new Set(apiKeys);
  const tokenContext: TokenRouteContext = {
    apiKeys: acceptedKeys,
    store,
    faults,
    lifetime: lifetime.signal,
    countRequest: () => tokenRequests++,
  };
  const tokenRoute: HttpRoute = {
    request(req, res, path) {
      if (path !== TOKENS_PATH) return false;
      handleTokenRequest(req, res, tokenContext).catch(() => res.destroy());
      return true;
    },
  };
  // Browser-facing endpoints: pages on other origins upload reference images and ask to watch a live session.
  const filesRoute: HttpRoute = {
    request(req, res, path) {
      if (path !== FILES_PATH && !path.startsWith(`${FILES_PATH}/`)) return false;
      handleFilesRequest(req, res, path, { apiKeys: acceptedKeys, tokens: store, files }).catch(() => res.destroy());
      return true;
    },
  };
  const watchRoute: HttpRoute = {
    request(req, res, path) {
      if (!path.startsWith(WATCH_PATH_PREFIX)) return false;
      handleWatchRequest(req, res, path, { apiKeys: acceptedKeys, tokens: store, media: () => media });
      return true;
    },
  };
  const mediaRoute: HttpRoute = {
    request: (req, res) => media?.handleRequest(req, res) ?? false,
    upgrade: (req, socket, head) => media?.handleUpgrade(req, socket, head) ?? false,
  };
  const controlRoute: HttpRoute = {
    upgrade: (req, socket, head, path) => control?.route.upgrade?.(req, socket, head, path) ?? false,
  };
  // Order matters: the token API and `/v1/stream` first, then whatever the media plane claims (LiveKit's paths).
  const server = createRoutedServer([tokenRoute, filesRoute, watchRoute, controlRoute, mediaRoute]);
  const address = await listen(server, port, host);
  const authority = `${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  const url = `http://${authority}`;
  const realtimeUrl = `ws://${authority}`;
  media = (buildMediaPlane ?? createLiveKitMediaPlane)({ url, realtimeUrl });
  control = new ControlPlane({ apiKeys: acceptedKeys, tokens: store, files, options: realtime, media });
  const controlPlane = control;

  let closing: Promise<void> | undefined;
  return {
    url,
    realtimeUrl,
    get issued() {
      return store.list();
    },
    get tokenRequests() {
      return tokenRequests;
    },
    fault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    get sessions() {
      return controlPlane.list();
    },
    get openSessions() {
      return controlPlane.counts().open;
    },
    get peakOpenSessions() {
      return controlPlane.counts().peak;
    },
    dropSession: (id, dropOptions) => controlPlane.drop(id, dropOptions?.channel),
    refuseSessions: (refusal = {}) => controlPlane.refuse(refusal),
    close() {
      closing ??= (async () => {
        lifetime.abort();
        controlPlane.close();
        await media?.close();
        await shutdown(server);
      })();
      return closing;
    },
  };
}

function checkOptions(port: number, apiKeys: unknown): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`startEmulator: port must be an integer from 0 to 65535, got ${String(port)}`);
  }
  if (!Array.isArray(apiKeys) || apiKeys.length === 0 || apiKeys.some((key) => typeof key !== "string" || !key)) {
    throw new TypeError("startEmulator: apiKeys must be a non-empty array of non-empty strings");
  }
}
