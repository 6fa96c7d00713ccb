import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { MediaPlane, MediaPlaneContext, RoomAccess } from "../realtime/media-plane.js";
import { CameraEcho } from "./camera-echo.js";
import { newRoomToken, newSid } from "./ids.js";
import { ParticipantConnection } from "./participant-connection.js";
import { type LocalParticipant, RoomParticipants } from "./participants.js";
import { decodeJoinRequest } from "./signal-codec.js";

const SIGNAL_PATH = "/rtc/v1";
const VALIDATE_PATHS = new Set(["/rtc/v1/validate", "/rtc/validate"]);

interface RoomState {
  roomName: string;
  participants: RoomParticipants;
  echo: CameraEcho;
  /** The publishing browser's connection; its end ends the room. */
  connection?: ParticipantConnection;
  /** View-only connections; one leaving changes nothing for the others. */
  viewers: Set<ParticipantConnection>;
  closed: boolean;
}

/** A room token admits one connection, as the publisher or as one viewer. */
interface Grant {
  room: RoomState;
  local: LocalParticipant;
  used: boolean;
}

/**
 * The emulator's LiveKit server: rooms opened by the control plane, each joined by one publishing browser and any
 * number of view-only viewers over livekit-client's `/rtc/v1` protocol, all answered by an `inference-server-…`
 * participant echoing the publisher's camera.
 */
export class LiveKitMediaPlane implements MediaPlane {
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly rooms = new Map<string, RoomState>();
  private readonly grants = new Map<string, Grant>();
  private readonly closedListeners = new Set<(roomName: string) => void>();

  /** `livekitUrl` is where browsers reach this plane: the emulator's own ws:// URL. */
  constructor(private readonly livekitUrl: string) {}

  /** Opens a room for one session; the token admits its publishing browser once, until the room closes. */
  openRoom({ roomName, sessionId }: { roomName: string; sessionId: string }): RoomAccess {
    const participants = new RoomParticipants({ roomName, sessionId, roomSid: newSid("RM"), createdAt: new Date() });
    const room: RoomState = { roomName, participants, echo: new CameraEcho(), viewers: new Set(), closed: false };
    this.rooms.set(roomName, room);
    return this.grant(room, participants.publisher);
  }

  /** A view-only grant for an open room; every call admits one more viewer. */
  admitViewer(roomName: string): RoomAccess | undefined {
    const room = this.rooms.get(roomName);
    if (!room || room.closed) return undefined;
    return this.grant(room, room.participants.newViewer());
  }

  /** Ends a room from the server side (session over, dropped or closed): every browser in it gets LiveKit's `leave`. */
  closeRoom(roomName: string): void {
    const room = this.rooms.get(roomName);
    if (room) this.endRoom(room, { notifyClient: true });
  }

  /**
   * Cuts the publisher's connection without LiveKit's `leave`, as a network loss looks to it. Its viewers are told
   * the room closed: for them the server is still there, and the stream they watched is over.
   */
  dropRoom(roomName: string): void {
    const room = this.rooms.get(roomName);
    if (room) this.endRoom(room, { notifyClient: false, abrupt: true });
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
    const grant = this.grants.get(url.searchParams.get("access_token") ?? "");
    const joinParam = url.searchParams.get("join_request");
    if (!grant || grant.room.closed || grant.used || !joinParam) {
      // Like LiveKit, refuse at the HTTP level; livekit-client then asks the validate endpoint why.
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return true;
    }
    grant.used = true;
    const join = decodeJoinRequest(joinParam);
    const { room, local } = grant;
    this.sockets.handleUpgrade(req, socket, head, (ws) => {
      if (!local.canPublish) {
        const viewer = new ParticipantConnection(ws, room, local, () => room.viewers.delete(viewer));
        room.viewers.add(viewer);
        if (room.closed) viewer.close({ notifyClient: true });
        else viewer.start(join);
        return;
      }
      const connection = new ParticipantConnection(ws, room, local, () => this.endRoom(room));
      room.connection = connection;
      connection.start(join);
    });
    return true;
  }

  /** Answers livekit-client's validate probe, which it sends when the signal WebSocket fails to open. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!VALIDATE_PATHS.has(url.pathname)) return false;
    const grant = this.grants.get(url.searchParams.get("access_token") ?? "");
    const valid = grant !== undefined && !grant.room.closed;
    res.writeHead(valid ? 200 : 401, { "content-type": "text/plain" });
    res.end(valid ? "success" : "invalid token: the room is closed or was never opened");
    return true;
  }

  /** Closes every room and signal socket; resolves once the peer connections have released their UDP sockets. */
  async close(): Promise<void> {
    const connections = [...this.rooms.values()].flatMap((room) => [
      ...(room.connection ? [room.connection] : []),
      ...room.viewers,
    ]);
    for (const room of this.rooms.values()) this.endRoom(room, { notifyClient: true });
    this.sockets.close();
    const released = Promise.all(connections.map((connection) => connection.peerClosed));
    // Never let a stuck peer hold up shutdown: its sockets die with the process anyway.
    await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }

  private grant(room: RoomState, local: LocalParticipant): RoomAccess {
    const token = newRoomToken();
    this.grants.set(token, { room, local, used: false });
    return { livekitUrl: this.livekitUrl, token };
  }

  private endRoom(room: RoomState, how: { notifyClient?: boolean; abrupt?: boolean } = {}): void {
    if (room.closed) return;
    room.closed = true;
    room.connection?.close(how);
    for (const viewer of [...room.viewers]) viewer.close({ notifyClient: true });
    room.echo.stop();
    this.rooms.delete(room.roomName);
    // Keep the tokens known for a while so a late validate probe still learns the room is closed, not unknown.
    setTimeout(() => {
      for (const [token, grant] of this.grants) if (grant.room === room) this.grants.delete(token);
    }, 60_000).unref();
    for (const listener of this.closedListeners) listener(room.roomName);
  }
}

/** The emulator's default media plane: LiveKit on the emulator's own port, echoing each browser's camera. */
export function createLiveKitMediaPlane(context: MediaPlaneContext): MediaPlane {
  return new LiveKitMediaPlane(context.realtimeUrl);
}
