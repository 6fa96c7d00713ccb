export { type Emulator, type EmulatorOptions, startEmulator } from "./emulator.js";
export type { Fault } from "./faults.js";
export { EMULATOR_API_KEY } from "./keys.js";
export { createLiveKitMediaPlane } from "./media/livekit-media-plane.js";
export { type DropChannel, type RefuseSessionsOptions, SESSION_LIMIT_CLOSE } from "./realtime/control-plane.js";
export type { RealtimeSession, SessionEndReason } from "./realtime/control-session.js";
export {
  createSignalingOnlyMediaPlane,
  type MediaPlane,
  type MediaPlaneContext,
  type MediaPlaneFactory,
  type RoomAccess,
} from "./realtime/media-plane.js";
export type { ClientMessage, ServerMessage } from "./realtime/messages.js";
export type { RealtimeOptions } from "./realtime/options.js";
export type { IssuedToken, TokenResponse } from "./tokens/store.js";
export type { TokenRequest } from "./tokens/validate.js";
export { TOKEN_LIMITS } from "./tokens/validate.js";
