import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AddTrackRequest,
  ClientInfo,
  JoinRequest,
  LeaveRequest,
  LeaveRequest_Action,
  Ping,
  SessionDescription,
  SignalRequest,
  SignalResponse,
  TrackType,
  WrappedJoinRequest,
  WrappedJoinRequest_Compression,
} from "@livekit/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { LiveKitMediaPlane } from "../../src/media/livekit-media-plane.js";
import { createLoopbackPeer } from "../../src/media/peer.js";

// Opens werift peer connections: run inside the loopback-only namespace (`npm test` does).

let server: Server;
let plane: LiveKitMediaPlane;
let baseUrl: string;
const cleanups: Array<() => unknown> = [];

beforeEach(async () => {
  server = createServer((req, res) => {
    if (!plane.handleRequest(req, res)) res.writeHead(404).end();
  });
  server.on("upgrade", (req, socket, head) => {
    if (!plane.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  plane = new LiveKitMediaPlane(`ws://${baseUrl}`);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await plane.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A browser-like first offer: a data channel and livekit-client's receive-only video section. */
async function browserOffer(): Promise<SessionDescription> {
  const peer = createLoopbackPeer();
  cleanups.push(() => peer.close());
  peer.createDataChannel("_reliable");
  peer.addTransceiver("video", { direction: "recvonly" });
  peer.addTransceiver("audio", { direction: "recvonly" });
  await peer.setLocalDescription(await peer.createOffer());
  return new SessionDescription({ type: "offer", sdp: peer.localDescription!.sdp, id: 1 });
}

function joinUrl(livekitUrl: string, token: string, offer: SessionDescription): string {
  const join = new JoinRequest({ clientInfo: new ClientInfo({ version: "test" }), publisherOffer: offer });
  const wrapped = new WrappedJoinRequest({
    joinRequest: join.toBinary(),
    compression: WrappedJoinRequest_Compression.NONE,
  });
  const params = new URLSearchParams({
    access_token: token,
    join_request: Buffer.from(wrapped.toBinary()).toString("base64url"),
  });
  return `${livekitUrl}/rtc/v1?${params}`;
}

/** A signal client that records every response, so tests can wait for one by case. */
async function joinRoom(token: string, livekitUrl: string) {
  const socket = new WebSocket(joinUrl(livekitUrl, token, await browserOffer()));
  cleanups.push(() => socket.terminate());
  const received: SignalResponse[] = [];
  const waiters = new Set<() => void>();
  socket.on("message", (data) => {
    received.push(SignalResponse.fromBinary(new Uint8Array(data as Buffer)));
    for (const wake of waiters) wake();
    waiters.clear();
  });
  let isClosed = false;
  const closed = new Promise<number>((resolve) =>
    socket.on("close", (code) => {
      isClosed = true;
      resolve(code);
      for (const wake of waiters) wake();
    }),
  );
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  return {
    received,
    closed,
    send(message: SignalRequest["message"]) {
      socket.send(new SignalRequest({ message }).toBinary());
    },
    async next<C extends NonNullable<SignalResponse["message"]["case"]>>(kind: C) {
      const find = () => received.find((response) => response.message.case === kind);
      while (!find()) {
        if (isClosed) throw new Error(`socket closed before a ${kind} arrived`);
        await new Promise<void>((resolve) => waiters.add(resolve));
      }
      return find()!.message as Extract<SignalResponse["message"], { case: C }>;
    },
  };
}

describe("LiveKit media plane: signalling", () => {
  it("joins: the inference-server participant owns one video track, and the answer maps it by msid", async () => {
    const room = plane.openRoom({ roomName: "room-1", sessionId: "sess-1" });
    expect(room.livekitUrl).toBe(`ws://${baseUrl}`);
    const client = await joinRoom(room.token, room.livekitUrl);

    const join = (await client.next("join")).value;
    expect(join.serverVersion).not.toBe("");
    expect(join.subscriberPrimary).toBe(false);
    expect(join.iceServers).toEqual([]);
    expect(join.room?.name).toBe("room-1");
    expect(join.participant?.permission?.canPublish).toBe(true);
    const [inference] = join.otherParticipants;
    expect(inference?.identity).toBe("inference-server-sess-1");
    expect(inference?.tracks.map((track) => track.type)).toEqual([TrackType.VIDEO]);

    const answer = (await client.next("answer")).value;
    expect(answer.id).toBe(1);
    const [mid, trackSid] = Object.entries(answer.midToTrackId)[0]!;
    expect(trackSid).toBe(inference!.tracks[0]!.sid);
    expect(answer.sdp).toContain(`a=mid:${mid}\r\na=msid:${inference!.sid}|${trackSid} ${trackSid}\r\n`);
    expect(answer.sdp).not.toMatch(/^m=\w+ 0 /m);
    for (const line of answer.sdp.match(/^a=candidate:.*$/gm) ?? []) expect(line).toContain(" 127.0.0.1 ");

    const trickle = (await client.next("trickle")).value;
    expect(JSON.parse(trickle.candidateInit).candidate).toContain(" 127.0.0.1 ");
  });

  it("answers pings, and publishes the browser's tracks with a server track sid", async () => {
    const room = plane.openRoom({ roomName: "room-2", sessionId: "sess-2" });
    const client = await joinRoom(room.token, room.livekitUrl);
    client.send({ case: "pingReq", value: new Ping({ timestamp: 1234n }) });
    expect((await client.next("pongResp")).value.lastPingTimestamp).toBe(1234n);
    client.send({
      case: "addTrack",
      value: new AddTrackRequest({ cid: "camera-1", type: TrackType.VIDEO, width: 640 }),
    });
    const published = (await client.next("trackPublished")).value;
    expect(published.cid).toBe("camera-1");
    expect(published.track?.sid).toMatch(/^TR_/);
  });

  it("closeRoom sends LiveKit's leave and closes the socket; the room is reported closed", async () => {
    const closedRooms: string[] = [];
    plane.onRoomClosed((name) => closedRooms.push(name));
    const room = plane.openRoom({ roomName: "room-3", sessionId: "sess-3" });
    const client = await joinRoom(room.token, room.livekitUrl);
    await client.next("join");
    plane.closeRoom("room-3");
    expect((await client.next("leave")).value.action).toBe(LeaveRequest_Action.DISCONNECT);
    expect(await client.closed).toBe(1000);
    expect(closedRooms).toEqual(["room-3"]);
  });

  it("dropRoom cuts the connection like a network loss: no leave, no close frame; the room is reported closed", async () => {
    const closedRooms: string[] = [];
    plane.onRoomClosed((name) => closedRooms.push(name));
    const room = plane.openRoom({ roomName: "room-7", sessionId: "sess-7" });
    const client = await joinRoom(room.token, room.livekitUrl);
    await client.next("join");
    plane.dropRoom("room-7");
    expect(await client.closed).toBe(1006);
    expect(client.received.some((response) => response.message.case === "leave")).toBe(false);
    expect(closedRooms).toEqual(["room-7"]);
  });

  it("a browser that leaves closes its room, and the token no longer admits anyone", async () => {
    const closedRooms: string[] = [];
    plane.onRoomClosed((name) => closedRooms.push(name));
    const room = plane.openRoom({ roomName: "room-4", sessionId: "sess-4" });
    const client = await joinRoom(room.token, room.livekitUrl);
    await client.next("join");
    client.send({ case: "leave", value: new LeaveRequest({ action: LeaveRequest_Action.DISCONNECT }) });
    await client.closed;
    expect(closedRooms).toEqual(["room-4"]);
    await expect(joinRoom(room.token, room.livekitUrl)).rejects.toThrow(/401/);
  });

  it("refuses an unknown token, and admits only one browser per room", async () => {
    await expect(joinRoom("not-a-token", `ws://${baseUrl}`)).rejects.toThrow(/401/);
    const room = plane.openRoom({ roomName: "room-5", sessionId: "sess-5" });
    await joinRoom(room.token, room.livekitUrl);
    await expect(joinRoom(room.token, room.livekitUrl)).rejects.toThrow(/401/);
  });

  it("answers the validate probe on both paths: 200 for an open room, 401 otherwise", async () => {
    const room = plane.openRoom({ roomName: "room-6", sessionId: "sess-6" });
    for (const path of ["/rtc/v1/validate", "/rtc/validate"]) {
      expect((await fetch(`http://${baseUrl}${path}?access_token=${room.token}`)).status).toBe(200);
      expect((await fetch(`http://${baseUrl}${path}?access_token=nope`)).status).toBe(401);
    }
    plane.closeRoom("room-6");
    expect((await fetch(`http://${baseUrl}/rtc/v1/validate?access_token=${room.token}`)).status).toBe(401);
  });
});
