import {
  DisconnectReason,
  type JoinRequest,
  LeaveRequest,
  LeaveRequest_Action,
  Pong,
  SessionDescription,
  SignalTarget,
  TrackPublishedResponse,
  TrickleRequest,
} from "@livekit/protocol";
import type { RTCPeerConnection, RTCRtpTransceiver } from "werift";
import type { WebSocket } from "ws";
import type { CameraEcho } from "./camera-echo.js";
import type { LocalParticipant, RoomParticipants } from "./participants.js";
import { createLoopbackPeer, isLoopbackCandidate } from "./peer.js";
import { reopenZeroPortSections, setSectionMsid } from "./sdp.js";
import {
  decodeSignalRequest,
  encodeSignalResponse,
  type SignalRequestMessage,
  type SignalResponseMessage,
} from "./signal-codec.js";

/** What a connection shares with the rest of its room. */
export interface RoomMedia {
  participants: RoomParticipants;
  /** The room's one echo: the publisher feeds it, every participant receives it. */
  echo: CameraEcho;
}

/**
 * One browser in one room, over livekit-client's single-peer-connection protocol: the signal WebSocket and the
 * one werift peer connection that carries the echo out and, for the publisher, the browser's camera in. A viewer's
 * camera sections (it has none: it may not publish) are never fed to the echo.
 */
export class ParticipantConnection {
  private readonly peer: RTCPeerConnection = createLoopbackPeer();
  private echoTransceiver: RTCRtpTransceiver | undefined;
  private detachEcho: (() => void) | undefined;
  /** Signal messages are handled one at a time so a trickle never races the offer it belongs to. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  /** Settles once the peer connection has released its sockets. */
  peerClosed: Promise<void> = Promise.resolve();

  private readonly participants: RoomParticipants;
  private readonly echo: CameraEcho;

  constructor(
    private readonly socket: WebSocket,
    room: RoomMedia,
    private readonly local: LocalParticipant,
    private readonly onClosed: () => void,
  ) {
    this.participants = room.participants;
    this.echo = room.echo;
    this.peer.onIceCandidate.subscribe((candidate) => {
      if (!candidate || !isLoopbackCandidate(candidate.candidate)) return;
      const candidateInit = JSON.stringify(candidate.toJSON());
      this.send({ case: "trickle", value: new TrickleRequest({ candidateInit, target: SignalTarget.PUBLISHER }) });
    });
    this.peer.connectionStateChange.subscribe((state) => {
      if (state === "failed") this.close({ notifyClient: true });
    });
    socket.on("message", (data, isBinary) => {
      const message = decodeSignalRequest(isBinary ? (data as Buffer) : data.toString()).message;
      this.enqueue(() => this.handle(message));
    });
    socket.on("close", () => this.close({ notifyClient: false }));
    socket.on("error", () => this.close({ notifyClient: false }));
  }

  /** Sends the JoinResponse, then answers the offer the browser put in its join request. */
  start(join: JoinRequest): void {
    this.send({ case: "join", value: this.participants.joinResponse(this.local) });
    const offer = join.publisherOffer;
    if (offer) this.enqueue(() => this.answer(offer));
  }

  /**
   * Ends the participant's session. `notifyClient` sends LiveKit's `leave` first so livekit-client reports a
   * server-side disconnect instead of trying to resume a connection that is gone; `abrupt` cuts the socket with no
   * close frame, as a network loss looks.
   */
  close({ notifyClient = false, abrupt = false }: { notifyClient?: boolean; abrupt?: boolean }): void {
    if (this.closed) return;
    this.closed = true;
    if (notifyClient) {
      const leave = new LeaveRequest({ reason: DisconnectReason.ROOM_CLOSED, action: LeaveRequest_Action.DISCONNECT });
      this.send({ case: "leave", value: leave });
    }
    if (abrupt) this.socket.terminate();
    else this.socket.close(1000, "room closed");
    // A browser that vanished never completes the closing handshake; don't let its socket outlive the room.
    setTimeout(() => this.socket.terminate(), 1000).unref();
    this.detachEcho?.();
    this.peerClosed = this.peer.close().catch(() => {});
    this.onClosed();
  }

  private enqueue(task: () => Promise<void> | void): void {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      if (this.closed) return;
      console.error(`[decart-emulator] media plane: ${error instanceof Error ? error.message : String(error)}`);
      this.close({ notifyClient: true });
    });
  }

  private async handle(message: SignalRequestMessage): Promise<void> {
    if (this.closed) return;
    switch (message.case) {
      case "offer":
        return this.answer(message.value);
      case "trickle":
        return this.addRemoteCandidate(message.value);
      case "addTrack":
        this.send({
          case: "trackPublished",
          value: new TrackPublishedResponse({
            cid: message.value.cid,
            track: this.participants.publishedTrack(message.value),
          }),
        });
        return;
      case "pingReq":
        this.send({
          case: "pongResp",
          value: new Pong({ lastPingTimestamp: message.value.timestamp, timestamp: BigInt(Date.now()) }),
        });
        return;
      case "ping":
        this.send({ case: "pong", value: BigInt(Date.now()) });
        return;
      case "leave":
        this.close({ notifyClient: false });
        return;
      default:
        // Subscription, layer, mute and metadata updates change nothing in an echo.
        return;
    }
  }

  private async answer(offer: SessionDescription): Promise<void> {
    // werift would otherwise recycle a transceiver it considers unused for a new section of a renegotiation offer
    // and overwrite its mid, after which it fails with "Transceiver with mid=… not found".
    for (const transceiver of this.peer.getTransceivers()) transceiver.usedForSender = true;
    await this.peer.setRemoteDescription({ type: "offer", sdp: offer.sdp });
    this.echoTransceiver ??= await this.attachEcho();
    for (const transceiver of this.peer.getTransceivers()) {
      if (
        this.local.canPublish &&
        transceiver !== this.echoTransceiver &&
        transceiver.kind === "video" &&
        transceiver.receiver.tracks.length > 0
      ) {
        this.echo.addSource(transceiver);
      }
    }
    await this.peer.setLocalDescription(await this.peer.createAnswer());
    const mid = this.echoTransceiver?.mid;
    let sdp = reopenZeroPortSections(this.peer.localDescription!.sdp);
    if (mid) sdp = setSectionMsid(sdp, mid, this.participants.echoStreamId, this.participants.echoTrackSid);
    sdp = sdp.replace(/^a=candidate:.*\r\n/gm, (line) => (isLoopbackCandidate(line.trim()) ? line : ""));
    const midToTrackId = mid ? { [mid]: this.participants.echoTrackSid } : {};
    this.send({ case: "answer", value: new SessionDescription({ type: "answer", sdp, id: offer.id, midToTrackId }) });
  }

  /** Puts the echo on the first receive-only video section the browser pre-created for remote tracks. */
  private async attachEcho(): Promise<RTCRtpTransceiver | undefined> {
    const transceiver = this.peer
      .getTransceivers()
      .find((candidate) => candidate.kind === "video" && candidate.offerDirection === "sendonly");
    if (!transceiver) return undefined;
    transceiver.setDirection("sendonly");
    const detach = await this.echo.attach(transceiver.sender);
    if (this.closed) detach();
    else this.detachEcho = detach;
    return transceiver;
  }

  private async addRemoteCandidate(trickle: TrickleRequest): Promise<void> {
    const candidate = JSON.parse(trickle.candidateInit) as { candidate?: string };
    // Chrome signals the end of gathering with an empty candidate; non-loopback addresses are never used.
    if (!candidate.candidate || !isLoopbackCandidate(candidate.candidate)) return;
    await this.peer.addIceCandidate(candidate);
  }

  private send(message: SignalResponseMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(encodeSignalResponse(message));
  }
}
