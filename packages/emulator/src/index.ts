export { type Emulator, type EmulatorOptions, startEmulator } from "./emulator.js";
export type { Fault } from "./faults.js";
export { EMULATOR_API_KEY } from "./keys.js";
export type { MediaPlane, MediaPlaneContext, MediaPlaneFactory, RoomAccess } from "./realtime/media-plane.js";
export type { IssuedToken, TokenResponse } from "./tokens/store.js";
export type { TokenRequest } from "./tokens/validate.js";
export { TOKEN_LIMITS } from "./tokens/validate.js";
