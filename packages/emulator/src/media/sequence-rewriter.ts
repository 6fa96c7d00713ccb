const RTP_VIDEO_CLOCK_PER_MS = 90;

export interface RtpPosition {
  sequenceNumber: number;
  timestamp: number;
}

/**
 * Keeps one outgoing RTP stream continuous while its source switches between incoming streams (simulcast layers):
 * each source has its own random sequence and timestamp origin, so at a switch the offsets are recomputed to
 * continue right after the last packet sent, as if the new source had always been the stream.
 */
export class SequenceRewriter {
  private sequenceOffset = 0;
  private timestampOffset = 0;
  private last: (RtpPosition & { sentAt: number }) | undefined;

  /** Call on the first packet taken from a new source, before `rewrite`. */
  switchSource(first: RtpPosition, now: number): void {
    if (!this.last) return;
    const elapsedTicks = Math.max(1, Math.round((now - this.last.sentAt) * RTP_VIDEO_CLOCK_PER_MS));
    this.sequenceOffset = (this.last.sequenceNumber + 1 - first.sequenceNumber) & 0xffff;
    this.timestampOffset = (this.last.timestamp + elapsedTicks - first.timestamp) >>> 0;
  }

  rewrite(position: RtpPosition, now: number): RtpPosition {
    const rewritten = {
      sequenceNumber: (position.sequenceNumber + this.sequenceOffset) & 0xffff,
      timestamp: (position.timestamp + this.timestampOffset) >>> 0,
    };
    if (!this.last || isNewer(rewritten.sequenceNumber, this.last.sequenceNumber)) {
      this.last = { ...rewritten, sentAt: now };
    }
    return rewritten;
  }
}

/** RFC 1982 serial-number comparison for 16-bit sequence numbers. */
function isNewer(a: number, b: number): boolean {
  const diff = (a - b) & 0xffff;
  return diff !== 0 && diff < 0x8000;
}
