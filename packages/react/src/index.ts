export { DecartRealtimeError } from "./errors";
export type { DecartRealtimeOptions } from "./options";
export { RealtimeVideo, type RealtimeVideoProps } from "./realtime-video";
export type { DecartSdk } from "./sdk-session";
export { SessionController } from "./session-controller";
export type {
  ErrorCode,
  ImageInput,
  PromptInput,
  RealtimeClientOptions,
  RealtimeError,
  RealtimeModel,
  RealtimeState,
  RealtimeStatus,
  RealtimeToken,
  ReconnectOptions,
  TokenFetcher,
} from "./types";
export { type DecartRealtime, useDecartRealtime } from "./use-decart-realtime";
