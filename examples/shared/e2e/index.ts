export {
  cameraTrackStates,
  expectPlaying,
  isPlaying,
  openApp,
  shownStatus,
  signIn,
  startSession,
  waitForConnected,
} from "./browser";
export { describeExample, type ExampleServerOptions, type ExampleUnderTest } from "./suite";
export type { SuiteEnv } from "./suite-env";
export { describeViewers } from "./viewers";
