import { gunzipSync } from "node:zlib";
import {
  JoinRequest,
  SignalRequest,
  SignalResponse,
  WrappedJoinRequest,
  WrappedJoinRequest_Compression,
} from "@livekit/protocol";

/** Every message the server sends, as the `message` field of a LiveKit `SignalResponse`. */
export type SignalResponseMessage = SignalResponse["message"];
export type SignalRequestMessage = SignalRequest["message"];

/**
 * Decodes the `join_request` query parameter of `/rtc/v1`: base64url of a `WrappedJoinRequest` whose inner
 * `JoinRequest` is usually gzip-compressed (livekit-client compresses whenever `CompressionStream` exists).
 */
export function decodeJoinRequest(param: string): JoinRequest {
  const wrapped = WrappedJoinRequest.fromBinary(Buffer.from(param, "base64url"));
  const inner =
    wrapped.compression === WrappedJoinRequest_Compression.GZIP ? gunzipSync(wrapped.joinRequest) : wrapped.joinRequest;
  return JoinRequest.fromBinary(inner);
}

/** Parses one WebSocket frame from the client; livekit-client sends binary protobuf, JSON only when told to. */
export function decodeSignalRequest(data: Buffer | string): SignalRequest {
  if (typeof data === "string") return SignalRequest.fromJsonString(data, { ignoreUnknownFields: true });
  return SignalRequest.fromBinary(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

export function encodeSignalResponse(message: SignalResponseMessage): Uint8Array {
  return new SignalResponse({ message }).toBinary();
}
