import { createSignalingOnlyMediaPlane, type MediaPlane, type MediaPlaneFactory } from "../src/index.js";

/**
 * The signaling-only media plane (the real default until WebRTC is involved), wrapped to record the calls the
 * control plane makes and to end a room from the media side, as a browser leaving LiveKit would.
 */
export function recordingMediaPlane() {
  const calls: string[] = [];
  const listeners = new Set<(roomName: string) => void>();
  let plane: MediaPlane | undefined;
  const factory: MediaPlaneFactory = (context) => {
    const inner = createSignalingOnlyMediaPlane(context);
    plane = {
      ...inner,
      openRoom(room) {
        calls.push(`open ${room.roomName} ${room.sessionId}`);
        return inner.openRoom(room);
      },
      closeRoom(roomName) {
        calls.push(`close ${roomName}`);
        inner.closeRoom(roomName);
      },
      onRoomClosed(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    return plane;
  };
  return {
    factory,
    calls,
    /** Ends a room from the media side. */
    endRoomFromMediaSide(roomName: string) {
      for (const listener of listeners) listener(roomName);
    },
  };
}
