import { describe, expect, it } from "vitest";
import { SequenceRewriter } from "../../src/media/sequence-rewriter.js";

describe("SequenceRewriter", () => {
  it("passes the first source through unchanged", () => {
    const rewriter = new SequenceRewriter();
    expect(rewriter.rewrite({ sequenceNumber: 100, timestamp: 5000 }, 0)).toEqual({
      sequenceNumber: 100,
      timestamp: 5000,
    });
  });

  it("continues the outgoing stream right after the last packet when the source switches", () => {
    const rewriter = new SequenceRewriter();
    rewriter.rewrite({ sequenceNumber: 100, timestamp: 5000 }, 1000);
    rewriter.rewrite({ sequenceNumber: 101, timestamp: 5000 }, 1000);
    const otherLayer = { sequenceNumber: 40_000, timestamp: 900_000 };
    rewriter.switchSource(otherLayer, 1033);
    // 33 ms later at 90 kHz is 2970 ticks.
    expect(rewriter.rewrite(otherLayer, 1033)).toEqual({ sequenceNumber: 102, timestamp: 7970 });
    expect(rewriter.rewrite({ sequenceNumber: 40_001, timestamp: 903_000 }, 1066)).toEqual({
      sequenceNumber: 103,
      timestamp: 10_970,
    });
  });

  it("wraps sequence numbers at 16 bits and timestamps at 32 bits", () => {
    const rewriter = new SequenceRewriter();
    rewriter.rewrite({ sequenceNumber: 0xffff, timestamp: 0xffff_fff0 }, 0);
    rewriter.switchSource({ sequenceNumber: 7, timestamp: 10 }, 1);
    expect(rewriter.rewrite({ sequenceNumber: 7, timestamp: 10 }, 1)).toEqual({ sequenceNumber: 0, timestamp: 0x4a });
  });

  it("does not move the switch point back for a late, reordered packet", () => {
    const rewriter = new SequenceRewriter();
    rewriter.rewrite({ sequenceNumber: 10, timestamp: 0 }, 0);
    rewriter.rewrite({ sequenceNumber: 9, timestamp: 0 }, 0);
    rewriter.switchSource({ sequenceNumber: 500, timestamp: 0 }, 0);
    expect(rewriter.rewrite({ sequenceNumber: 500, timestamp: 0 }, 0).sequenceNumber).toBe(11);
  });
});
