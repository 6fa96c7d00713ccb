import { FakeMediaStream, FakeMediaStreamTrack } from "./fake-media";

/**
 * `realtime.subscribe` of `@decartai/sdk` 0.1.20 for jsdom, written from its `realtime/subscribe-client.js`:
 * - the subscribe token is `btoa(JSON.stringify({ room_name }))`; anything else rejects with a plain
 *   `Error("Invalid subscribe token")` before any request;
 * - `/watch-stream` refusals reject with a `WEBRTC_SIGNALING_ERROR`-shaped object whose `cause` is
 *   `Error("watch-stream request failed (<status>): <body>")` (401 for a refused key, 404 for a room not live);
 * - on success it reports `connecting`, then `connected`, resolves, and delivers the remote stream (the inference
 *   participant's track subscription) just after;
 * - the room closing (LiveKit `leave`) or the connection dropping reports `disconnected`; so does `disconnect()`.
 */
export interface FakeViewer {
  apiKey: string;
  roomName: string;
  open: boolean;
  drop(): void;
}

type ConnectionState = "connecting" | "connected" | "disconnected" | "reconnecting";
interface SubscribeOptions {
  token: string;
  onRemoteStream: (stream: MediaStream) => void;
  onConnectionChange?: (state: ConnectionState) => void;
}

export class FakeWatchBackend {
  /** Rooms that are live, by name. */
  readonly live = new Set<string>();
  viewers: FakeViewer[] = [];
  watchRequests = 0;
  /** The platform's word on a viewer's key: `null` accepts, a string is the 401 body. */
  checkToken: (apiKey: string) => string | null = (apiKey) => (apiKey.startsWith("ek_") ? null : "invalid api key");
  /** How long the join takes after the watch-stream answer. */
  joinDelayMs = 1;
  #nextRoom = 0;

  get openViewers(): FakeViewer[] {
    return this.viewers.filter((viewer) => viewer.open);
  }

  /** A publisher's session goes live; returns its subscribe token. */
  publish(roomName = `room-${++this.#nextRoom}`): string {
    this.live.add(roomName);
    return btoa(JSON.stringify({ room_name: roomName }));
  }

  /** The publisher's session ends: every viewer gets `leave`, and the room is no longer live. */
  end(subscribeToken: string): void {
    const roomName = (JSON.parse(atob(subscribeToken)) as { room_name: string }).room_name;
    this.live.delete(roomName);
    for (const viewer of this.openViewers) if (viewer.roomName === roomName) viewer.drop();
  }

  reset(): void {
    this.live.clear();
    this.viewers = [];
    this.watchRequests = 0;
    this.joinDelayMs = 1;
    this.checkToken = (apiKey) => (apiKey.startsWith("ek_") ? null : "invalid api key");
  }

  async subscribe(apiKey: string, options: SubscribeOptions) {
    let roomName: string;
    try {
      roomName = (JSON.parse(atob(options.token)) as { room_name: string }).room_name;
      if (typeof roomName !== "string" || !roomName) throw new Error();
    } catch {
      throw new Error("Invalid subscribe token");
    }
    let state: ConnectionState = "connecting";
    const setState = (next: ConnectionState) => {
      if (state === next) return;
      state = next;
      options.onConnectionChange?.(next);
    };
    options.onConnectionChange?.("connecting");
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.watchRequests++;
    const refusal = this.checkToken(apiKey);
    const status = refusal ? 401 : this.live.has(roomName) ? 200 : 404;
    if (status !== 200) {
      const body = status === 401 ? `{"detail":"401 Unauthorized: ${refusal}"}` : '{"detail":"Stream not found"}';
      const cause = new Error(`watch-stream request failed (${status}): ${body}`);
      throw { code: "WEBRTC_SIGNALING_ERROR", message: "Signaling error", cause };
    }
    await new Promise((resolve) => setTimeout(resolve, this.joinDelayMs));
    const viewer: FakeViewer = {
      apiKey,
      roomName,
      open: this.live.has(roomName),
      drop: () => {
        viewer.open = false;
        setState("disconnected");
      },
    };
    this.viewers.push(viewer);
    if (viewer.open) setState("connected");
    else setState("disconnected");
    setTimeout(() => {
      if (viewer.open) {
        const track = new FakeMediaStreamTrack("video", "remote");
        options.onRemoteStream(new FakeMediaStream([track]) as unknown as MediaStream);
      }
    }, 0);
    return {
      isConnected: () => state === "connected",
      getConnectionState: () => state,
      disconnect: () => viewer.drop(),
      on: () => {},
      off: () => {},
    };
  }
}
