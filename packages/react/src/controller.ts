// The framework-free pieces behind the hook, in their own entry so the main entry stays small.
export { SessionController } from "./session-controller";
export { requestToken } from "./token-fetch";
export { useSessionController } from "./use-decart-realtime";
