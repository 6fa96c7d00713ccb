import { describe, expect, it } from "vitest";
import { LayerSelector, rankOfRid } from "../../src/media/layer-selector.js";

const [q, h, f] = [rankOfRid("q"), rankOfRid("h"), rankOfRid("f")];

describe("LayerSelector", () => {
  it("ranks livekit-client's simulcast layers q < h < f", () => {
    expect(q).toBeLessThan(h);
    expect(h).toBeLessThan(f);
    expect(rankOfRid(undefined)).toBeLessThan(q);
  });

  it("starts echoing only at a keyframe", () => {
    const selector = new LayerSelector();
    expect(selector.onPacket("q", q, false, 0)).toEqual({ forward: false, switched: false });
    expect(selector.pendingLayer(0)).toBe("q");
    expect(selector.onPacket("q", q, true, 10)).toEqual({ forward: true, switched: true });
    expect(selector.onPacket("q", q, false, 20)).toEqual({ forward: true, switched: false });
  });

  it("moves up to a better layer on its keyframe and drops the old layer's packets", () => {
    const selector = new LayerSelector();
    selector.onPacket("q", q, true, 0);
    expect(selector.onPacket("f", f, false, 10).forward).toBe(false);
    expect(selector.pendingLayer(10)).toBe("f");
    expect(selector.onPacket("q", q, false, 20).forward).toBe(true);
    expect(selector.onPacket("f", f, true, 30)).toEqual({ forward: true, switched: true });
    expect(selector.onPacket("q", q, false, 40).forward).toBe(false);
    expect(selector.pendingLayer(40)).toBeUndefined();
  });

  it("falls back to a lower layer when the best one goes silent", () => {
    const selector = new LayerSelector();
    selector.onPacket("h", h, false, 0);
    selector.onPacket("f", f, true, 0);
    selector.onPacket("h", h, false, 1500);
    expect(selector.pendingLayer(1500)).toBe("h");
    expect(selector.onPacket("h", h, true, 1600)).toEqual({ forward: true, switched: true });
  });
});
