export { DecartRealtimeError } from "./errors";
export type { CheckedOptions, DecartRealtimeOptions } from "./options";
export { RealtimeVideo, type RealtimeVideoProps } from "./realtime-video";
export type { DecartSdk } from "./sdk-session";
export { SessionController } from "./session-controller";
export { requestToken } from "./token-fetch";
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
export { type DecartRealtime, useDecartRealtime, useSessionController } from "./use-decart-realtime";
