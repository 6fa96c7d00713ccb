export type { ClientOptions, DemoUser, PageConfig } from "../ui/api";
export { type RealtimeBackend, type RealtimeBackendOptions, startRealtimeBackend } from "./backend";
export {
  DEMO_MAX_SESSION_SECONDS,
  DEMO_MODELS,
  DEMO_SESSIONS,
  demoUser,
  ownOrigins,
  pageConfig,
  SESSION_COOKIE,
  VIEWER_TOKEN_POLICY,
} from "./demo";
export { closeServer, listenFirst } from "./listen";
export { runFromEnvironment } from "./main";
export { type PreparedServer, prepareServer, type RunningServer, type ServerOptions } from "./prepare";
export { createViteMiddleware } from "./vite";
