import { describe, expect, it } from "vitest";
import { reopenZeroPortSections, sectionMids, setSectionMsid } from "../../src/media/sdp.js";

const answer = [
  "v=0",
  "o=- 1 0 IN IP4 0.0.0.0",
  "s=-",
  "t=0 0",
  "a=group:BUNDLE 0 1 2",
  "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
  "a=mid:0",
  "m=audio 0 UDP/TLS/RTP/SAVPF 111",
  "a=mid:1",
  "a=recvonly",
  "m=video 9 UDP/TLS/RTP/SAVPF 102",
  "a=mid:2",
  "a=sendonly",
  "a=msid:werift-stream werift-track",
  "a=ssrc:1234 msid:werift-stream werift-track",
  "",
].join("\r\n");

describe("SDP rewrites", () => {
  it("gives rejected (port 0) sections the bundle placeholder port 9", () => {
    const rewritten = reopenZeroPortSections(answer);
    expect(rewritten).toContain("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n");
    expect(rewritten).not.toMatch(/^m=\w+ 0 /m);
    expect(rewritten.endsWith("\r\n")).toBe(true);
  });

  it("relabels one section's msid for livekit-client's participant|track mapping", () => {
    const rewritten = setSectionMsid(answer, "2", "PA_x|TR_y", "TR_y");
    expect(rewritten).toContain("a=mid:2\r\na=msid:PA_x|TR_y TR_y\r\n");
    expect(rewritten).toContain("a=ssrc:1234 msid:PA_x|TR_y TR_y\r\n");
    expect(rewritten).not.toContain("werift-stream");
    expect(sectionMids(rewritten)).toEqual(["0", "1", "2"]);
  });

  it("refuses to relabel a section that does not exist", () => {
    expect(() => setSectionMsid(answer, "9", "a", "b")).toThrow(/mid 9/);
  });
});
