import type { DecartRealtimeError } from "../errors";
import type { RealtimeClientOptions, ReconnectOptions, TokenSourceOption } from "../types";

/** Where a viewer is: waiting for something to watch, joining, watching, coming back, or done. */
export type ViewerStatus = "idle" | "fetching-token" | "connecting" | "connected" | "reconnecting" | "ended" | "error";

/** Everything the viewer hook renders from. A new object on every visible change, the same object otherwise. */
export interface ViewerState {
  status: ViewerStatus;
  /** The publisher's transformed video while watching; `null` otherwise. */
  remoteStream: MediaStream | null;
  /** Why watching failed (`status: "error"`), or the last error of a reconnect in progress. */
  error: DecartRealtimeError | null;
}

/** Options of `useDecartViewer` (and of the framework-free `ViewerController`). */
export interface DecartViewerOptions {
  /**
   * The publisher's subscribe token (`useDecartRealtime().subscribeToken`, shared in a link). `null` or `undefined`
   * waits, idle, until there is one; a new value watches that session instead.
   * @example subscribeToken: location.hash.slice(1) || null
   */
  subscribeToken: string | null | undefined;
  /**
   * Where the viewer's client token comes from: your viewer token endpoint, or a function that fetches one. A viewer
   * token is an ordinary client token; give viewers their own tightly bounded route (see the README).
   * @default "/api/viewer-token"
   * @example token: "/api/viewer-token"
   */
  token?: TokenSourceOption;
  /**
   * Asks the token endpoint to scope the viewer's token to this model (the body's `model`).
   * @default undefined (the body is `{}`: the route's policy decides)
   */
  model?: string;
  /**
   * Watching again after the connection drops while the session is still live (fresh token when needed). After a
   * drop the viewer always asks once at once: the stream is then `ended` if the session is over. `false` makes that
   * one question the only attempt.
   * @default { attempts: 5, baseDelayMs: 500, maxDelayMs: 8000 }
   */
  reconnect?: ReconnectOptions | false;
  /**
   * Passed to `createDecartClient`; `baseUrl` is where `/watch-stream` is asked.
   * @default undefined (Decart's production URL)
   * @example clientOptions: { baseUrl: emulator.url }
   */
  clientOptions?: RealtimeClientOptions;
  /** Called with every error that lands in `error`. Always the latest function. */
  onError?: (error: DecartRealtimeError) => void;
  /** Called when `status` changes. Always the latest function. */
  onStatusChange?: (status: ViewerStatus) => void;
}

export const DEFAULT_VIEWER_TOKEN_ENDPOINT = "/api/viewer-token";
