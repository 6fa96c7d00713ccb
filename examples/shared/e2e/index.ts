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
