import {
  type AddTrackRequest,
  JoinResponse,
  ParticipantInfo,
  ParticipantInfo_State,
  ParticipantPermission,
  Room,
  ServerInfo,
  ServerInfo_Edition,
  TrackInfo,
  TrackSource,
  TrackType,
} from "@livekit/protocol";
import { newSid } from "./ids.js";

/** Decart's SDK only shows tracks of a participant whose identity starts with this. */
export const INFERENCE_IDENTITY_PREFIX = "inference-server-";
/** Reported as the LiveKit server version; livekit-client gates a few features on it. */
const SERVER_VERSION = "1.9.0";
const SERVER_PROTOCOL = 16;
/** Seconds; livekit-client pings every interval and gives up on the signal socket after the timeout. */
const PING_INTERVAL_S = 5;
const PING_TIMEOUT_S = 15;

export interface RoomIdentity {
  roomName: string;
  sessionId: string;
  roomSid: string;
  createdAt: Date;
}

/** One browser in a room as LiveKit describes it to that browser: the publisher, or a view-only viewer. */
export interface LocalParticipant {
  sid: string;
  identity: string;
  canPublish: boolean;
}

/**
 * The participants of one emulated room: the publishing browser, any number of view-only viewers, and the
 * inference server publishing the echo.
 */
export class RoomParticipants {
  readonly publisher: LocalParticipant;
  readonly inferenceSid = newSid("PA");
  readonly echoTrackSid = newSid("TR");

  private viewerCount = 0;

  constructor(private readonly room: RoomIdentity) {
    this.publisher = { sid: newSid("PA"), identity: `client-${room.sessionId}`, canPublish: true };
  }

  /** A new view-only participant: it subscribes to the echo and may publish nothing. */
  newViewer(): LocalParticipant {
    this.viewerCount += 1;
    return { sid: newSid("PA"), identity: `viewer-${this.viewerCount}-${this.room.sessionId}`, canPublish: false };
  }

  /** The `<participantSid>|<trackSid>` stream id livekit-client maps an incoming track with. */
  get echoStreamId(): string {
    return `${this.inferenceSid}|${this.echoTrackSid}`;
  }

  joinResponse(local: LocalParticipant): JoinResponse {
    const joinedAt = BigInt(Math.floor(this.room.createdAt.getTime() / 1000));
    return new JoinResponse({
      room: new Room({ sid: this.room.roomSid, name: this.room.roomName, creationTime: joinedAt, numParticipants: 2 }),
      participant: new ParticipantInfo({
        sid: local.sid,
        identity: local.identity,
        state: ParticipantInfo_State.JOINED,
        joinedAt,
        permission: new ParticipantPermission({
          canPublish: local.canPublish,
          canSubscribe: true,
          canPublishData: local.canPublish,
        }),
      }),
      otherParticipants: [this.inferenceParticipant(joinedAt)],
      serverVersion: SERVER_VERSION,
      serverInfo: new ServerInfo({
        edition: ServerInfo_Edition.Standard,
        version: SERVER_VERSION,
        protocol: SERVER_PROTOCOL,
        nodeId: "decart-kit-emulator",
      }),
      subscriberPrimary: false,
      pingInterval: PING_INTERVAL_S,
      pingTimeout: PING_TIMEOUT_S,
      iceServers: [],
    });
  }

  /** The server's view of a track the browser announced with `addTrack`, as `trackPublished` returns it. */
  publishedTrack(request: AddTrackRequest): TrackInfo {
    return new TrackInfo({
      sid: newSid("TR"),
      type: request.type,
      name: request.name,
      source: request.source,
      width: request.width,
      height: request.height,
      muted: request.muted,
      simulcast: request.layers.length > 1,
      layers: request.layers,
      mimeType: request.simulcastCodecs[0]?.codec ? `video/${request.simulcastCodecs[0].codec}` : "",
      stream: request.stream,
    });
  }

  private inferenceParticipant(joinedAt: bigint): ParticipantInfo {
    return new ParticipantInfo({
      sid: this.inferenceSid,
      identity: `${INFERENCE_IDENTITY_PREFIX}${this.room.sessionId}`,
      state: ParticipantInfo_State.ACTIVE,
      joinedAt,
      isPublisher: true,
      tracks: [
        new TrackInfo({
          sid: this.echoTrackSid,
          type: TrackType.VIDEO,
          source: TrackSource.CAMERA,
          name: "output",
          mimeType: "video/H264",
        }),
      ],
    });
  }
}
