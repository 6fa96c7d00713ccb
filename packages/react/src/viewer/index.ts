export { DecartRealtimeError } from "../errors";
export { RealtimeVideo, type RealtimeVideoProps } from "../realtime-video";
export type { ErrorCode, RealtimeClientOptions, ReconnectOptions, TokenFetcher } from "../types";
export type { DecartViewerOptions, ViewerState, ViewerStatus } from "./types";
export { useDecartViewer } from "./use-decart-viewer";
export { ViewerController, type ViewerSdk } from "./viewer-controller";
