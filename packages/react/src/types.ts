import type { ErrorCode, QueuedResponseBody, SessionLease, TokenConstraints } from "@decart-kit/core/protocol";
import type {
  CustomModelDefinition,
  Logger,
  ModelDefinition,
  RealTimeClientConnectOptions,
  RealTimeModels,
} from "@decartai/sdk";
import type { DecartRealtimeError } from "./errors";

/** Where a realtime session is in its life. */
export type RealtimeStatus =
  | "idle"
  | "previewing"
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
  /** Session admission: the slot this token was minted for (released by the hook when the session ends). */
  lease?: SessionLease;
}

/** The lease a session holds (see `sessionAdmission`): kept across reconnects, released when the session ends. */
export interface LeaseHolder {
  /** The id of the lease held, or `null`. */
  readonly held: string | null;
  /** Keeps the token's lease (if any); a different lease held before is released. */
  keep(token: RealtimeToken, source: TokenSourceOption | undefined): void;
  release(): void;
}

/** Session admission (`@decart-kit/react/admission`'s `sessionAdmission`): the queue and the lease. */
export interface SessionAdmission {
  /** Fetches a token, waiting in the app's queue; `ticket` is the held lease's id (same slot, lease renewed). */
  fetchToken(
    source: TokenSourceOption | undefined,
    options: { model: string; signal: AbortSignal; onQueued?: (position: QueuePosition) => void; ticket?: string },
  ): Promise<RealtimeToken>;
  /** A lease holder for one hook. */
  leases(): LeaseHolder;
}

/** What one token request may answer: a token, or (session admission with a queue) a place in line. */
export type TokenAnswer = RealtimeToken | QueuedResponseBody;

/**
 * Fetches a token yourself (another transport, …). `body` is what the hook would POST (`{ model, ticket? }`).
 * Honour `signal`: it aborts stale requests. Return the endpoint's answer: a token, or a 202 queue body.
 */
export type TokenFetcher = (request: {
  model: string;
  signal: AbortSignal;
  body: { model?: string; ticket?: string };
}) => Promise<TokenAnswer>;

/** A token endpoint with what the request needs to pass your auth (cookies or a bearer token, across origins). */
export interface TokenEndpoint {
  /** The endpoint's URL. @example "https://api.example.com/realtime-token" */
  url: string;
  /**
   * Extra request headers (`Content-Type: application/json` is always sent), or a function that returns them
   * for each request (a bearer token that refreshes).
   * @default undefined
   * @example headers: () => ({ Authorization: `Bearer ${getAccessToken()}` })
   */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /**
   * `fetch` credentials mode: `"include"` sends cookies to another origin.
   * @default "same-origin"
   */
  credentials?: RequestCredentials;
}

/** Where tokens come from: an endpoint URL, an endpoint with headers/credentials, or your own function. */
export type TokenSourceOption = string | TokenEndpoint | TokenFetcher;

/** A realtime model name known to `@decartai/sdk` (editors offer them as you type). */
export type RealtimeModelName = RealTimeModels;

/**
 * `Name` when it may be given as `model`: a realtime name the SDK knows, or a custom name outside Decart's `lucy`
 * family. A `lucy…` literal the SDK does not know as a realtime model (a typo such as `"lucy-2.l"`) is a type
 * error. A name held in a `string` (read from configuration) always passes; so does a newer Decart model than the
 * SDK's list once widened: `"lucy-3" as string`.
 */
export type CheckedRealtimeModelName<Name extends string> = string extends Name
  ? Name
  : Name extends RealtimeModelName
    ? Name
    : Name extends `lucy${string}`
      ? RealtimeModelName
      : Name;

/**
 * A realtime model: a name (the SDK's names are suggested and checked, see `CheckedRealtimeModelName`; an unknown
 * one ends in `model_not_found` at runtime) or a full model definition. `Name` is inferred from the literal given.
 */
export type RealtimeModel<Name extends string = string> =
  | (Name & CheckedRealtimeModelName<Name>)
  | RealtimeModelName
  | ModelDefinition
  | CustomModelDefinition;

/** The model definition fields the hook relies on. */
export interface ResolvedModel {
  name: string;
  urlPath: string;
  fps: number | { ideal?: number; max?: number; min?: number; exact?: number };
  width: number;
  height: number;
}

/** The `realtime.connect` options of `@decartai/sdk` an app may set; the hook owns the rest. */
export type RealtimeConnectOptions = Pick<
  RealTimeClientConnectOptions,
  "mirror" | "resolution" | "preferredVideoCodec" | "queryParams" | "debugQuality"
>;

/** A prompt: plain text, or text with Decart's prompt enhancement switched on or off. */
export type PromptInput = string | { text: string; enhance?: boolean };

/** A reference image: a Blob/File, a URL, a base64 string, an uploaded `file_…` id, or `null` to clear it. */
export type ImageInput = Blob | string | null;

/** One atomic update of what the model is told: the fields given are sent together, in one message. */
export interface RealtimeInput {
  prompt?: string;
  /** Decart's prompt enhancement. @default true (the SDK's default) */
  enhance?: boolean;
  image?: ImageInput;
}

/** Which camera to open (ignored when you pass your own `stream`). */
export interface CameraOptions {
  /** A camera from `enumerateDevices()` (see `useCameras` in `@decart-kit/react/devices`). @default undefined */
  deviceId?: string;
  /** `"user"` (front) or `"environment"` (back) on phones. @default undefined */
  facingMode?: "user" | "environment";
  /** @default the model's width */
  width?: number;
  /** @default the model's height */
  height?: number;
  /** @default the model's frame rate */
  frameRate?: number;
}

/** Retries: of a first connection that failed for a retryable reason, and of a session that dropped. */
export interface ReconnectOptions {
  /**
   * How many times to try before giving up with `status: "error"`.
   * @default 5
   */
  attempts?: number;
  /**
   * Delay before the second attempt; each later attempt doubles it (with jitter: a random value in the upper half).
   * After a drop, the first attempt comes after a small jitter only (at most 100 ms), its token fetched meanwhile.
   * A `retryAfter` from the token endpoint is honoured when longer.
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

/** A place in line: in your app's session queue (`"app"`, the token endpoint's 202) or in Decart's (`"decart"`). */
export interface QueuePosition {
  position: number;
  queueSize: number;
  source: "app" | "decart";
}

/** Everything the hook renders from. A new object on every visible change, the same object otherwise. */
export interface RealtimeState {
  status: RealtimeStatus;
  /** The transformed video, as soon as the SDK delivers it; `null` while (re)connecting. */
  remoteStream: MediaStream | null;
  /** The camera stream (yours or the one the hook opened), for a preview. */
  localStream: MediaStream | null;
  error: RealtimeError | null;
  /** Place in line while waiting for a slot (yours) or a GPU (Decart's); `null` when not queued. */
  queuePosition: QueuePosition | null;
  sessionId: string | null;
  /** Lets viewers watch this session (`client.realtime.subscribe`); `null` until known, new for every session. */
  subscribeToken: string | null;
  /** When the current token stops being able to open sessions (an open session is not affected). */
  tokenExpiresAt: Date | null;
  /** When the server will end the session, if the token carries `maxSessionDuration`. */
  sessionEndsAt: Date | null;
  /** Seconds of generation so far in this session (the SDK's `generationTick`); `null` before the first tick. */
  generationSeconds: number | null;
  /** Why the server ended the session (`"max_session_duration"` for its time limit, …); set with `status: "ended"`. */
  endReason: string | null;
}
