import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { MediaPlane, MediaPlaneContext, RoomAccess } from "../realtime/media-plane.js";
import { newRoomToken, newSid } from "./ids.js";
import { ParticipantConnection } from "./participant-connection.js";
import { RoomParticipants } from "./participants.js";
import { decodeJoinRequest } from "./signal-codec.js";

const SIGNAL_PATH = "/rtc/v1";
const VALIDATE_PATHS = new Set(["/rtc/v1/validate", "/rtc/validate"]);

interface RoomState {
  roomName: string;
  participants: RoomParticipants;
  connection?: ParticipantConnection;
  closed: boolean;
}

/**
 * The emulator's LiveKit server: rooms opened by the control plane, each joined by one browser over
 * livekit-client's `/rtc/v1` protocol and answered by an `inference-server-…` participant echoing the camera.
 */
export class LiveKitMediaPlane implements MediaPlane {
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly roomsByToken = new Map<string, RoomState>();
  private readonly closedListeners = new Set<(roomName: string) => void>();

  /** `livekitUrl` is where browsers reach this plane: the emulator's own ws:// URL. */
  constructor(private readonly livekitUrl: string) {}

  /** Opens a room for one session; the token admits one browser, until the room closes. */
  openRoom({ roomName, sessionId }: { roomName: string; sessionId: string }): RoomAccess {
    const token = newRoomToken();
    const participants = new RoomParticipants({ roomName, sessionId, roomSid: newSid("RM"), createdAt: new Date() });
    this.roomsByToken.set(token, { roomName, participants, closed: false });
    return { livekitUrl: this.livekitUrl, token };
  }

  /** Ends a room from the server side (session over, dropped or closed): the browser gets LiveKit's `leave`. */
  closeRoom(roomName: string): void {
    for (const [token, room] of this.roomsByToken) {
      if (room.roomName === roomName) this.endRoom(token, room, { notifyClient: true });
    }
  }

  /** Cuts the room's connection without LiveKit's `leave`, as a network loss looks to the browser. */
  dropRoom(roomName: string): void {
    for (const [token, room] of this.roomsByToken) {
      if (room.roomName === roomName) this.endRoom(token, room, { notifyClient: false, abrupt: true });
    }
  }

  /** Called when a room ends on the media side: the browser left, its connection failed, or `closeRoom`. */
  onRoomClosed(listener: (roomName: string) => void): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  /** Takes the LiveKit signal WebSocket; returns false for any other upgrade so the caller can route it. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== SIGNAL_PATH) return false;
    const token = url.searchParams.get("access_token") ?? "";
    const room = this.roomsByToken.get(token);
    const joinParam = url.searchParams.get("join_request");
    if (!room || room.closed || room.connection || !joinParam) {
      // Like LiveKit, refuse at the HTTP level; livekit-client then asks the validate endpoint why.
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return true;
    }
    const join = decodeJoinRequest(joinParam);
    this.sockets.handleUpgrade(req, socket, head, (ws) => {
      const connection = new ParticipantConnection(ws, room.participants, () => this.endRoom(token, room));
      room.connection = connection;
      connection.start(join);
    });
    return true;
  }

  /** Answers livekit-client's validate probe, which it sends when the signal WebSocket fails to open. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!VALIDATE_PATHS.has(url.pathname)) return false;
    const room = this.roomsByToken.get(url.searchParams.get("access_token") ?? "");
    const valid = room !== undefined && !room.closed;
    res.writeHead(valid ? 200 : 401, { "content-type": "text/plain" });
    res.end(valid ? "success" : "invalid token: the room is closed or was never opened");
    return true;
  }

  /** Closes every room and signal socket; resolves once the peer connections have released their UDP sockets. */
  async close(): Promise<void> {
    const connections = [...this.roomsByToken.values()].flatMap((room) => (room.connection ? [room.connection] : []));
    for (const [token, room] of this.roomsByToken) this.endRoom(token, room, { notifyClient: true });
    this.sockets.close();
    const released = Promise.all(connections.map((connection) => connection.peerClosed));
    // Never let a stuck peer hold up shutdown: its sockets die with the process anyway.
    await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }

  private endRoom(token: string, room: RoomState, how: { notifyClient?: boolean; abrupt?: boolean } = {}): void {
    if (room.closed) return;
    room.closed = true;
    room.connection?.close(how);
    // Keep the token known for a while so a late validate probe still learns the room is closed, not unknown.
    setTimeout(() => this.roomsByToken.delete(token), 60_000).unref();
    for (const listener of this.closedListeners) listener(room.roomName);
  }
}

/** The emulator's default media plane: LiveKit on the emulator's own port, echoing each browser's camera. */
export function createLiveKitMediaPlane(context: MediaPlaneContext): MediaPlane {
  return new LiveKitMediaPlane(context.realtimeUrl);
}
