import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

/**
 * The seam between the control plane (Decart's JSON signaling on `/v1/stream`) and the media plane (the LiveKit
 * server that echoes the camera). The control plane calls `openRoom` when a session asks `livekit_join` and sends the
 * answer as `livekit_room_info`; it calls `closeRoom` when its socket ends. The media plane reports a room that ended
 * on its side (the browser left, a peer connection died) through `onRoomClosed`, and the control plane then ends that
 * session. The HTTP server offers every request and upgrade it does not serve itself to `handleRequest` /
 * `handleUpgrade`, so LiveKit's `/rtc/v1` and `/rtc/v1/validate` live on the same port.
 */
export interface MediaPlane {
  /** Prepares a room for one session; what it returns goes to the SDK as `livekit_url` and `token`. */
  openRoom(room: { roomName: string; sessionId: string }): RoomAccess | Promise<RoomAccess>;
  /**
   * Admits one more view-only participant to an open room (`POST /watch-stream/:room`); `undefined` when the room
   * is not open. Optional: a plane without viewers answers every watch request with 404.
   */
  admitViewer?(roomName: string): RoomAccess | undefined;
  /** Ends a room (its participants are disconnected). Closing an unknown or closed room is a no-op. */
  closeRoom(roomName: string): void;
  /**
   * Cuts a room's media connection like a network loss (no LiveKit `leave`), then reports it through
   * `onRoomClosed`. Optional: a plane without media has nothing to cut.
   */
  dropRoom?(roomName: string): void;
  /**
   * Subscribes to rooms ending on the media side; returns the unsubscribe function. It may also fire after
   * `closeRoom`: the control plane ignores rooms it already closed.
   */
  onRoomClosed(listener: (roomName: string) => void): () => void;
  /** Claims an HTTP upgrade the control plane does not serve; `false` lets the server refuse it. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Claims a plain HTTP request the emulator does not serve; `false` lets the server answer 404. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Releases everything (peer connections, sockets, timers). */
  close(): void | Promise<void>;
}

export interface RoomAccess {
  /** Base URL livekit-client connects to, e.g. `ws://127.0.0.1:PORT`. */
  livekitUrl: string;
  /** The participant token livekit-client presents. */
  token: string;
}

/** What a media plane knows about the emulator it serves, available once the port is bound. */
export interface MediaPlaneContext {
  /** `http://host:port` of the emulator. */
  url: string;
  /** `ws://host:port` of the emulator. */
  realtimeUrl: string;
}

/** Builds the media plane once the emulator listens. */
export type MediaPlaneFactory = (context: MediaPlaneContext) => MediaPlane;

/**
 * Signaling-only media plane: rooms are bookkeeping, `livekit_url` is the emulator's own URL and no media flows.
 * Enough for tests of the control protocol; the WebRTC echo replaces it.
 */
export function createSignalingOnlyMediaPlane(context: MediaPlaneContext): MediaPlane {
  const rooms = new Set<string>();
  const listeners = new Set<(roomName: string) => void>();
  return {
    openRoom({ roomName }) {
      rooms.add(roomName);
      return { livekitUrl: context.realtimeUrl, token: `lk_${randomBytes(24).toString("base64url")}` };
    },
    admitViewer(roomName) {
      if (!rooms.has(roomName)) return undefined;
      return { livekitUrl: context.realtimeUrl, token: `lk_${randomBytes(24).toString("base64url")}` };
    },
    closeRoom(roomName) {
      rooms.delete(roomName);
    },
    onRoomClosed(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handleUpgrade: () => false,
    handleRequest: () => false,
    close() {
      rooms.clear();
      listeners.clear();
    },
  };
}
