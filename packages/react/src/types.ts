import type { ErrorCode, TokenConstraints } from "@decart-kit/core/protocol";
import type { CustomModelDefinition, Logger, ModelDefinition } from "@decartai/sdk";
import type { DecartRealtimeError } from "./errors";

/** Where a realtime session is in its life. */
export type RealtimeStatus =
  | "idle"
  | "requesting-media"
  | "fetching-token"
  | "connecting"
  | "connected"
  | "generating"
  | "reconnecting"
  | "ended"
  | "error";

export type { ErrorCode };

/** A short-lived client token, as the token endpoint answers it. */
export interface RealtimeToken {
  /** The `ek_…` client token. */
  apiKey: string;
  /** ISO 8601 instant after which the token can no longer open sessions. */
  expiresAt: string;
  constraints?: TokenConstraints | null;
}

/** Fetches a token yourself (custom headers, another transport, …). Honour `signal`: it aborts stale requests. */
export type TokenFetcher = (request: { model: string; signal: AbortSignal }) => Promise<RealtimeToken>;

/** A realtime model: a name known to `@decartai/sdk` (`"lucy-2.1"`) or a full model definition. */
export type RealtimeModel = string | ModelDefinition | CustomModelDefinition;

/** The model definition fields the hook relies on. */
export interface ResolvedModel {
  name: string;
  urlPath: string;
  fps: number | { ideal?: number; max?: number; min?: number; exact?: number };
  width: number;
  height: number;
}

/** A prompt: plain text, or text with Decart's prompt enhancement switched on or off. */
export type PromptInput = string | { text: string; enhance?: boolean };

/** A reference image: a Blob/File, a URL, a base64 string, an uploaded `file_…` id, or `null` to clear it. */
export type ImageInput = Blob | string | null;

/** Reconnection after a session drops. */
export interface ReconnectOptions {
  /**
   * How many times to try before giving up with `status: "error"`.
   * @default 5
   */
  attempts?: number;
  /**
   * Delay before the first attempt; each later attempt doubles it (with jitter: a random value in the upper half).
   * @default 500
   */
  baseDelayMs?: number;
  /**
   * Upper bound of the delay between two attempts.
   * @default 8000
   */
  maxDelayMs?: number;
}

/** Options passed to `createDecartClient`. The API key is always the fetched token. */
export interface RealtimeClientOptions {
  /** Decart's HTTP API. @example "http://127.0.0.1:4100" (the emulator) */
  baseUrl?: string;
  /** Decart's realtime WebSocket base. @example "ws://127.0.0.1:4100" (the emulator) */
  realtimeBaseUrl?: string;
  /** The SDK's telemetry (posts to Decart). Pass `false` against the emulator. */
  telemetry?: boolean;
  integration?: string;
  logger?: Logger;
}

/** The error half of the state: one code from the shared list, whether trying again may help, and the cause. */
export type RealtimeError = DecartRealtimeError;

/** Everything the hook renders from. A new object on every visible change, the same object otherwise. */
export interface RealtimeState {
  status: RealtimeStatus;
  /** The transformed video, once connected; `null` while (re)connecting. */
  remoteStream: MediaStream | null;
  /** The camera stream (yours or the one the hook opened), for a preview. */
  localStream: MediaStream | null;
  error: RealtimeError | null;
  /** Place in Decart's queue while waiting for a GPU; `null` when not queued. */
  queuePosition: { position: number; queueSize: number } | null;
  sessionId: string | null;
  /** When the current token stops being able to open sessions (an open session is not affected). */
  tokenExpiresAt: Date | null;
  /** When the server will end the session, if the token carries `maxSessionDuration`. */
  sessionEndsAt: Date | null;
}
