import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  useNACK,
  usePLI,
  useREMB,
  useRepairedRtpStreamId,
  useSdesMid,
  useSdesRTPStreamId,
  useTransportWideCC,
  useTWCC,
} from "werift";

/** The only address the media plane offers or accepts for ICE: the emulator is a local development tool. */
export const LOOPBACK_ADDRESS = "127.0.0.1";

/**
 * A werift peer connection for one LiveKit participant. H.264 only, so Chrome publishes H.264 (the layer switcher
 * understands H.264 keyframes); opus so the receive-only audio sections livekit-client pre-creates are accepted;
 * mid/rid/repaired-rid for simulcast and transport-cc so Chrome's bandwidth estimator can ramp up its layers.
 */
export function createLoopbackPeer(): RTCPeerConnection {
  return new RTCPeerConnection({
    // werift defaults to a public STUN server; nothing may leave loopback.
    iceServers: [],
    // No interface enumeration: the one UDP socket is bound to 127.0.0.1, so only this machine can reach it. A
    // browser started without --allow-loopback-in-peer-connection checks it from its LAN-bound socket; that
    // peer-reflexive address is this machine too (observed on Linux), so such a browser still connects.
    iceUseIpv4: false,
    iceUseIpv6: false,
    iceAdditionalHostAddresses: [LOOPBACK_ADDRESS],
    codecs: {
      video: [
        new RTCRtpCodecParameters({
          mimeType: "video/H264",
          clockRate: 90000,
          rtcpFeedback: [useNACK(), usePLI(), useREMB(), useTWCC()],
          parameters: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
        }),
      ],
      audio: [new RTCRtpCodecParameters({ mimeType: "audio/opus", clockRate: 48000, channels: 2 })],
    },
    headerExtensions: {
      video: [useSdesMid(), useSdesRTPStreamId(), useRepairedRtpStreamId(), useTransportWideCC()],
      audio: [useSdesMid(), useTransportWideCC()],
    },
  });
}

/** The connection address of an ICE candidate line (`candidate:<foundation> <component> <proto> <prio> <addr> …`). */
export function candidateAddress(candidate: string): string | undefined {
  return candidate.replace(/^a=/, "").split(" ")[4];
}

export function isLoopbackCandidate(candidate: string): boolean {
  return candidateAddress(candidate) === LOOPBACK_ADDRESS;
}
