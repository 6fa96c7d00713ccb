import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import { FakeMediaStream } from "../../src/testing/fake-media";
import { backend, camera } from "./env";

// `@decartai/sdk`'s realtime client needs WebRTC, which jsdom lacks: the fake follows its 0.1.20 contract, and the
// models registry is the real one.
vi.mock("@decartai/sdk", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@decartai/sdk")>();
  const { createFakeSdk } = await import("../../src/testing/fake-sdk");
  return createFakeSdk(backend, actual.models);
});

if (typeof window !== "undefined") {
  Object.assign(globalThis, { MediaStream: FakeMediaStream });
  Object.defineProperty(navigator, "mediaDevices", {
    value: { getUserMedia: camera.getUserMedia },
    configurable: true,
  });
}

// The machine running these is shared: a first connection in a cold worker may take more than the default second.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  backend.reset();
  camera.reset();
});

afterEach(() => {
  if (typeof window !== "undefined") cleanup();
});
