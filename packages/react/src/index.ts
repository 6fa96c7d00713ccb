export { DecartRealtimeError } from "./errors";
export type { CheckedOptions, DecartRealtimeOptions } from "./options";
export { RealtimeVideo, type RealtimeVideoProps } from "./realtime-video";
export type { DecartSdk } from "./sdk-session";
export type {
  CameraOptions,
  CheckedRealtimeModelName,
  ErrorCode,
  ImageInput,
  LeaseHolder,
  PromptInput,
  QueuePosition,
  RealtimeClientOptions,
  RealtimeConnectOptions,
  RealtimeError,
  RealtimeInput,
  RealtimeModel,
  RealtimeModelName,
  RealtimeState,
  RealtimeStatus,
  RealtimeToken,
  ReconnectOptions,
  SessionAdmission,
  TokenAnswer,
  TokenEndpoint,
  TokenFetcher,
  TokenSourceOption,
} from "./types";
export { type DecartRealtime, useDecartRealtime } from "./use-decart-realtime";
