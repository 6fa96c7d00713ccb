import { FakeCamera } from "../../src/testing/fake-media";
import { FakeDecartBackend } from "../../src/testing/fake-sdk";

/** The one fake Decart backend and fake camera of a test file (reset before each test). */
export const backend = new FakeDecartBackend();
export const camera = new FakeCamera();
