export { cameraTrackStates, expectPlaying, isPlaying, openApp, shownStatus, signIn, startSession } from "./browser";
export { describeExample, type ExampleServerOptions, type ExampleUnderTest } from "./suite";
