import { models } from "@decartai/sdk";
import type { DecartSdk } from "../sdk-session";
import type { RealtimeToken, TokenFetcher } from "../types";
import { FakeCamera, FakeMediaStream } from "./fake-media";
import { createFakeSdk, FakeDecartBackend } from "./fake-sdk";

export {
  allTracks,
  cameraStream,
  FakeCamera,
  FakeMediaStream,
  FakeMediaStreamTrack,
  liveTracks,
} from "./fake-media";
export { createFakeSdk, FakeDecartBackend, type FakeSession } from "./fake-sdk";

/**
 * A fake Decart for a test: `sdk` goes into `useDecartRealtime({ sdk })`, `backend` plays the server (sessions
 * opened, prompts received, drops, server errors, queue positions, the 1013 cap). Models are the SDK's real ones.
 */
export function createTestSdk(backend: FakeDecartBackend = new FakeDecartBackend()): {
  sdk: DecartSdk;
  backend: FakeDecartBackend;
} {
  return { sdk: createFakeSdk(backend, models), backend };
}

/**
 * Installs `MediaStream` and `navigator.mediaDevices.getUserMedia` (jsdom has neither), answered by a fake camera
 * whose tracks clone, stop and end like a browser's. Returns the camera: `deny()`, `hold()`, `calls`.
 */
export function installFakeMedia(camera: FakeCamera = new FakeCamera()): FakeCamera {
  Object.assign(globalThis, { MediaStream: FakeMediaStream });
  Object.defineProperty(navigator, "mediaDevices", {
    value: {
      getUserMedia: camera.getUserMedia,
      enumerateDevices: async () => [],
      addEventListener() {},
      removeEventListener() {},
    },
    configurable: true,
  });
  return camera;
}

/** A token option that answers at once with a token the fake SDK accepts, valid for `seconds`. */
export function fakeToken(seconds = 60): TokenFetcher {
  return async (): Promise<RealtimeToken> => ({
    apiKey: `ek_test_${Math.random().toString(36).slice(2)}`,
    expiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
  });
}
