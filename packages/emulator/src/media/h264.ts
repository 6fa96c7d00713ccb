/** Just enough H.264 RTP payload parsing (RFC 6184) to find where a keyframe starts. */

const NAL_IDR = 5;
const NAL_SPS = 7;
const NAL_STAP_A = 24;
const NAL_FU_A = 28;

function nalType(byte: number): number {
  return byte & 0x1f;
}

function startsKeyframeNal(type: number): boolean {
  return type === NAL_IDR || type === NAL_SPS;
}

/**
 * True when an RTP payload starts an H.264 keyframe: an SPS or IDR slice, alone, inside a STAP-A aggregate, or as
 * the first fragment of an FU-A. Switching the echoed layer anywhere else would hand the decoder a frame it cannot
 * decode without the references it never received.
 */
export function isH264KeyframeStart(payload: Uint8Array): boolean {
  if (payload.length < 2) return false;
  const type = nalType(payload[0]!);
  if (type === NAL_FU_A) {
    const fuHeader = payload[1]!;
    const isFirstFragment = (fuHeader & 0x80) !== 0;
    return isFirstFragment && startsKeyframeNal(nalType(fuHeader));
  }
  if (type === NAL_STAP_A) {
    // STAP-A: one header byte, then [16-bit size, NAL unit] repeated.
    let offset = 1;
    while (offset + 2 < payload.length) {
      const size = (payload[offset]! << 8) | payload[offset + 1]!;
      if (startsKeyframeNal(nalType(payload[offset + 2]!))) return true;
      offset += 2 + size;
    }
    return false;
  }
  return startsKeyframeNal(type);
}
