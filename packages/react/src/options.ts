import type { DecartRealtimeError } from "./errors";
import type { DecartSdk } from "./sdk-session";
import { DEFAULT_TOKEN_ENDPOINT } from "./token-fetch";
import type {
  CameraOptions,
  ImageInput,
  PromptInput,
  RealtimeClientOptions,
  RealtimeConnectOptions,
  RealtimeModel,
  RealtimeStatus,
  ReconnectOptions,
  SessionAdmission,
  TokenSourceOption,
} from "./types";

/**
 * The options as `useDecartRealtime` and the provider take them: `Name`, inferred from the `model` literal, makes a
 * misspelled known model name a type error.
 */
export type CheckedOptions<Name extends string> = DecartRealtimeOptions & { model: RealtimeModel<Name> };

/** Options of `useDecartRealtime` (and of the framework-free `SessionController`). */
export interface DecartRealtimeOptions {
  /**
   * Where client tokens come from: your decart-kit token endpoint's URL, the endpoint with `headers` and
   * `credentials` (cookie or bearer auth across origins), or a function that fetches one. The request is
   * `POST` with `Content-Type: application/json` and the body `{ model }`.
   * @default "/api/realtime-token"
   * @example token: "/api/realtime-token"
   * @example token: { url: "https://api.example.com/token", credentials: "include" }
   * @example token: { url: "/token", headers: () => ({ Authorization: `Bearer ${accessToken()}` }) }
   */
  token?: TokenSourceOption;
  /**
   * The realtime model: a name `@decartai/sdk` knows (suggested by the type), or a model definition for any other.
   * An unknown name ends in `error.code === "model_not_found"`, never a crash. A misspelled known name (`"lucy-2.l"`)
   * is a type error; a `string` from configuration always type-checks.
   * @example model: "lucy-2.1"
   */
  model: RealtimeModel;
  /**
   * The prompt. Its value when connecting is sent with the join; later changes are sent as they come (coalesced).
   * @default undefined (no prompt: the server passes the camera through)
   * @example prompt: { text: "Studio Ghibli style", enhance: true }
   */
  prompt?: PromptInput;
  /**
   * A reference image, sent like `prompt` (at join, then on change). `null` clears it.
   * @default undefined
   */
  image?: ImageInput;
  /**
   * Your own camera stream. The hook never stops its tracks. Without it, the hook opens the camera (see `camera`),
   * owns those tracks and stops them on disconnect and unmount. Swapping it for another stream mid-session
   * replaces the published track: same Decart session, no new queue.
   * @default undefined (the hook opens the camera)
   */
  stream?: MediaStream;
  /**
   * Which camera the hook opens: `deviceId`, `facingMode`, size and frame rate. Changing it mid-session
   * switches the camera in the running session (as `switchCamera` does).
   * @default the default camera at the model's size and frame rate
   * @example camera: { facingMode: "environment" }
   */
  camera?: CameraOptions;
  /**
   * Session admission, for a token endpoint with decart-kit's `sessions` policy: pass `sessionAdmission` from
   * `@decart-kit/react/admission` (the app's queue, the lease kept across reconnects and released at the end).
   * Without it, an endpoint that queues or hands out leases fails with `misconfigured`.
   * @default undefined (no admission: plain token requests)
   * @example admission: sessionAdmission
   */
  admission?: SessionAdmission;
  /**
   * Declarative connection: `true` connects (at mount, or when it becomes true), `false` disconnects.
   * @default true
   */
  enabled?: boolean;
  /**
   * `realtime.connect` options of `@decartai/sdk` (`mirror`, `resolution`, `preferredVideoCodec`, `queryParams`,
   * `debugQuality`), passed through as they are. Read when a session opens.
   * @default undefined (the SDK's defaults)
   * @example connectOptions: { mirror: "auto", resolution: "720p" }
   */
  connectOptions?: RealtimeConnectOptions;
  /**
   * A connection not made within this time is abandoned and fails with `connect_timeout` (retried like any
   * retryable failure). Waiting in Decart's queue (a `queuePosition` from Decart) does not count.
   * @default 25000
   */
  connectTimeoutMs?: number;
  /**
   * Retries of a first connection that failed for a retryable reason (502, 504, `rate_limited`, `capacity`, a
   * timeout, a dropped socket) and of a dropped session (fresh token, fresh camera clones, prompt and image
   * re-sent). `false` turns both off.
   * @default { attempts: 5, baseDelayMs: 500, maxDelayMs: 8000 }
   */
  reconnect?: ReconnectOptions | false;
  /**
   * When the server ends the session at the token's `maxSessionDuration`, start a new one on its own.
   * @default false (status becomes "ended")
   */
  renewSession?: boolean;
  /**
   * A cached token is reused for a new connection only while it has more than this many milliseconds left.
   * @default 10000
   */
  tokenSafetyMarginMs?: number;
  /**
   * Passed to `createDecartClient` (the API key is always the fetched token).
   * @default undefined (Decart's production URLs, telemetry on)
   * @example clientOptions: { baseUrl: emulator.url, realtimeBaseUrl: emulator.realtimeUrl, telemetry: false }
   */
  clientOptions?: RealtimeClientOptions;
  /**
   * The SDK to use. For tests: `createFakeSdk()` from `@decart-kit/react/testing`. Read once, at creation.
   * @default `@decartai/sdk`
   */
  sdk?: DecartSdk;
  /** Called with every error that lands in `error`. Always the latest function: no need to memoise it. */
  onError?: (error: DecartRealtimeError) => void;
  /** Called when `status` changes. Always the latest function: no need to memoise it. */
  onStatusChange?: (status: RealtimeStatus) => void;
}

export const DEFAULT_TOKEN_SAFETY_MARGIN_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 25_000;

/** Options whose change means a different session: a live one is restarted. */
export function sessionChanged(a: DecartRealtimeOptions, b: DecartRealtimeOptions): boolean {
  return (
    tokenSourceKey(a) !== tokenSourceKey(b) ||
    modelKey(a.model) !== modelKey(b.model) ||
    a.clientOptions?.baseUrl !== b.clientOptions?.baseUrl ||
    a.clientOptions?.realtimeBaseUrl !== b.clientOptions?.realtimeBaseUrl
  );
}

/** A token function is compared by kind only: an inline arrow is a new function on every render. */
export function tokenSourceKey(options: DecartRealtimeOptions): string {
  const { token } = options;
  if (typeof token === "function") return "\0function";
  if (typeof token === "object") return `${token.url}\0${token.credentials ?? ""}`;
  return token ?? DEFAULT_TOKEN_ENDPOINT;
}

function modelKey(model: RealtimeModel): string {
  return typeof model === "string" ? model : `${model.name}\0${model.urlPath}`;
}

export function cameraKey(camera: CameraOptions | undefined): string {
  return camera ? [camera.deviceId, camera.facingMode, camera.width, camera.height, camera.frameRate].join("\0") : "";
}
