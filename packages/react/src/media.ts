import { cameraError, DecartRealtimeError } from "./errors";
import type { CameraOptions, ResolvedModel } from "./types";

/** Video constraints: the model's frame rate and size as ideals (a camera that cannot match still works). */
export function cameraConstraints(model: ResolvedModel, camera: CameraOptions = {}): MediaTrackConstraints {
  const modelRate = typeof model.fps === "number" ? { ideal: model.fps } : model.fps;
  return {
    ...(camera.deviceId ? { deviceId: { exact: camera.deviceId } } : {}),
    ...(camera.facingMode ? { facingMode: { ideal: camera.facingMode } } : {}),
    frameRate: camera.frameRate ? { ideal: camera.frameRate } : modelRate,
    width: { ideal: camera.width ?? model.width },
    height: { ideal: camera.height ?? model.height },
  };
}

/** Opens the camera (never the microphone: realtime models take video only). */
export async function openCamera(model: ResolvedModel, camera?: CameraOptions): Promise<MediaStream> {
  const mediaDevices = typeof navigator === "undefined" ? undefined : navigator.mediaDevices;
  if (!mediaDevices?.getUserMedia) {
    // Browsers hide mediaDevices outside secure contexts (plain http on a non-localhost host).
    throw new DecartRealtimeError("camera_denied", "Camera needs https or localhost");
  }
  try {
    return await mediaDevices.getUserMedia({ audio: false, video: cameraConstraints(model, camera) });
  } catch (error) {
    throw cameraError(error);
  }
}

/**
 * Calls `onEnded` when a video track of `stream` ends on its own (camera unplugged, permission revoked): `ended`
 * fires only then, never for our own `stop()`. Returns the unsubscribe function.
 */
export function watchEnded(stream: MediaStream, onEnded: () => void): () => void {
  const tracks = stream.getVideoTracks();
  for (const track of tracks) track.addEventListener("ended", onEnded);
  return () => {
    for (const track of tracks) track.removeEventListener("ended", onEnded);
  };
}

/**
 * Copies of the camera's tracks for one SDK session. The SDK stops the tracks it is given when a session ends
 * (LiveKit's `room.disconnect()`), so it only ever gets clones and the camera itself stays live for the next one.
 */
export function cloneStream(stream: MediaStream): MediaStream {
  return new MediaStream(stream.getTracks().map((track) => track.clone()));
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
