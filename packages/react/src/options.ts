import type { DecartRealtimeError } from "./errors";
import type {
  ImageInput,
  PromptInput,
  RealtimeClientOptions,
  RealtimeModel,
  RealtimeStatus,
  ReconnectOptions,
  TokenFetcher,
} from "./types";

/** Options of `useDecartRealtime` (and of the framework-free `SessionController`). */
export interface DecartRealtimeOptions {
  /**
   * Where client tokens come from: the URL of your decart-kit token endpoint, or a function that fetches one.
   * @default "/api/realtime-token"
   * @example token: "/api/realtime-token"
   * @example token: async ({ model, signal }) => (await fetch(`/token?model=${model}`, { signal })).json()
   */
  token?: string | TokenFetcher;
  /**
   * The realtime model: a name `@decartai/sdk` knows, or a model definition. An unknown name ends in
   * `error.code === "model_not_found"`, never a crash.
   * @example model: "lucy-2.1"
   */
  model: RealtimeModel;
  /**
   * The prompt. Its value when connecting is sent with the join; later changes are sent with `setPrompt`.
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
   * Your own camera stream. The hook never stops its tracks. Without it, the hook calls `getUserMedia` with the
   * model's frame rate, width and height, owns those tracks and stops them on disconnect and unmount.
   * @default undefined (the hook opens the camera)
   */
  stream?: MediaStream;
  /**
   * Connect as soon as the component mounts. With `false`, call `connect()` yourself.
   * @default true
   */
  autoConnect?: boolean;
  /**
   * Reconnection after a dropped session (fresh token, fresh camera clones, prompt and image re-sent).
   * `false` turns it off.
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
  /** Called with every error that lands in `error`. Always the latest function: no need to memoise it. */
  onError?: (error: DecartRealtimeError) => void;
  /** Called when `status` changes. Always the latest function: no need to memoise it. */
  onStatusChange?: (status: RealtimeStatus) => void;
}

export const DEFAULT_TOKEN_ENDPOINT = "/api/realtime-token";
export const DEFAULT_TOKEN_SAFETY_MARGIN_MS = 10_000;

/** Options whose change means a different session: a live one is restarted. */
export function sessionChanged(a: DecartRealtimeOptions, b: DecartRealtimeOptions): boolean {
  return (
    tokenSourceKey(a) !== tokenSourceKey(b) ||
    modelKey(a.model) !== modelKey(b.model) ||
    a.stream !== b.stream ||
    a.clientOptions?.baseUrl !== b.clientOptions?.baseUrl ||
    a.clientOptions?.realtimeBaseUrl !== b.clientOptions?.realtimeBaseUrl
  );
}

/** A token function is compared by kind only: an inline arrow is a new function on every render. */
export function tokenSourceKey(options: DecartRealtimeOptions): string {
  return typeof options.token === "function" ? "\0function" : (options.token ?? DEFAULT_TOKEN_ENDPOINT);
}

function modelKey(model: RealtimeModel): string {
  return typeof model === "string" ? model : `${model.name}\0${model.urlPath}`;
}

export function normalizePrompt(prompt: PromptInput | undefined): { text: string; enhance?: boolean } | undefined {
  if (prompt === undefined) return undefined;
  return typeof prompt === "string" ? { text: prompt } : prompt;
}

export function samePrompt(a: PromptInput | undefined, b: PromptInput | undefined): boolean {
  const x = normalizePrompt(a);
  const y = normalizePrompt(b);
  return x?.text === y?.text && x?.enhance === y?.enhance;
}
