import { gzipSync } from "node:zlib";
import {
  ClientInfo,
  JoinRequest,
  Ping,
  SessionDescription,
  SignalRequest,
  SignalResponse,
  WrappedJoinRequest,
  WrappedJoinRequest_Compression,
} from "@livekit/protocol";
import { describe, expect, it } from "vitest";
import { decodeJoinRequest, decodeSignalRequest, encodeSignalResponse } from "../../src/media/signal-codec.js";

function joinParam(compression: WrappedJoinRequest_Compression): string {
  const join = new JoinRequest({
    clientInfo: new ClientInfo({ version: "2.20.2" }),
    publisherOffer: new SessionDescription({ type: "offer", sdp: "v=0\r\n", id: 1 }),
  }).toBinary();
  const joinRequest = compression === WrappedJoinRequest_Compression.GZIP ? gzipSync(join) : join;
  const wrapped = new WrappedJoinRequest({ joinRequest, compression }).toBinary();
  // livekit-client's own encoding: standard base64 with + and / swapped for - and _ (padding kept).
  return Buffer.from(wrapped).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

describe("LiveKit signal codec", () => {
  it.each([WrappedJoinRequest_Compression.GZIP, WrappedJoinRequest_Compression.NONE])(
    "decodes the join_request parameter (compression %s) with the first offer inside",
    (compression) => {
      const join = decodeJoinRequest(joinParam(compression));
      expect(join.clientInfo?.version).toBe("2.20.2");
      expect(join.publisherOffer).toMatchObject({ type: "offer", sdp: "v=0\r\n", id: 1 });
    },
  );

  it("decodes binary and JSON signal requests", () => {
    const ping = new SignalRequest({ message: { case: "pingReq", value: new Ping({ timestamp: 42n }) } });
    expect(decodeSignalRequest(Buffer.from(ping.toBinary())).message).toMatchObject({ case: "pingReq" });
    expect(decodeSignalRequest(ping.toJsonString()).message).toMatchObject({ case: "pingReq" });
  });

  it("encodes responses livekit-client can parse", () => {
    const bytes = encodeSignalResponse({ case: "pong", value: 7n });
    expect(SignalResponse.fromBinary(bytes).message).toEqual({ case: "pong", value: 7n });
  });
});
