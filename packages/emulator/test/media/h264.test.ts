import { describe, expect, it } from "vitest";
import { isH264KeyframeStart } from "../../src/media/h264.js";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("isH264KeyframeStart", () => {
  it("recognises a lone SPS or IDR slice", () => {
    expect(isH264KeyframeStart(bytes(0x67, 0x42, 0x00))).toBe(true); // SPS
    expect(isH264KeyframeStart(bytes(0x65, 0x88, 0x84))).toBe(true); // IDR
    expect(isH264KeyframeStart(bytes(0x41, 0x9a, 0x00))).toBe(false); // non-IDR slice
  });

  it("looks inside a STAP-A aggregate for the SPS", () => {
    const stapWithSps = bytes(0x78, 0x00, 0x02, 0x67, 0x42, 0x00, 0x02, 0x68, 0xce);
    const stapWithoutSps = bytes(0x78, 0x00, 0x02, 0x06, 0x05, 0x00, 0x02, 0x41, 0x9a);
    expect(isH264KeyframeStart(stapWithSps)).toBe(true);
    expect(isH264KeyframeStart(stapWithoutSps)).toBe(false);
  });

  it("accepts only the first FU-A fragment of an IDR slice", () => {
    expect(isH264KeyframeStart(bytes(0x7c, 0x85, 0x88))).toBe(true); // start bit, type 5
    expect(isH264KeyframeStart(bytes(0x7c, 0x05, 0x88))).toBe(false); // middle fragment
    expect(isH264KeyframeStart(bytes(0x7c, 0x81, 0x88))).toBe(false); // start of a non-IDR slice
  });

  it("rejects payloads too short to carry a NAL header", () => {
    expect(isH264KeyframeStart(bytes())).toBe(false);
    expect(isH264KeyframeStart(bytes(0x65))).toBe(false);
  });
});
