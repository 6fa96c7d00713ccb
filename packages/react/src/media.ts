import { cameraError, DecartRealtimeError } from "./errors";
import type { ResolvedModel } from "./types";

/** Opens the camera at the model's frame rate and size (as ideals, so a camera that cannot match still works). */
export async function openCamera(model: ResolvedModel): Promise<MediaStream> {
  const mediaDevices = typeof navigator === "undefined" ? undefined : navigator.mediaDevices;
  if (!mediaDevices?.getUserMedia) {
    // Browsers hide mediaDevices outside secure contexts (plain http on a non-localhost host).
    throw new DecartRealtimeError("camera_denied", "Camera needs a secure context (https or localhost)");
  }
  const frameRate = typeof model.fps === "number" ? { ideal: model.fps } : model.fps;
  try {
    return await mediaDevices.getUserMedia({
      audio: false,
      video: { frameRate, width: { ideal: model.width }, height: { ideal: model.height } },
    });
  } catch (error) {
    throw cameraError(error);
  }
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
