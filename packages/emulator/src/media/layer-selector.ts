/** How long a layer may stay silent before it counts as paused (the encoder drops layers under low bandwidth). */
const LAYER_SILENCE_MS = 1000;

/** livekit-client names its simulcast layers q (quarter), h (half) and f (full); an unnamed stream ranks lowest. */
const RID_RANK: Record<string, number> = { q: 1, h: 2, f: 3 };

export function rankOfRid(rid: string | undefined): number {
  return rid ? (RID_RANK[rid] ?? 0) : 0;
}

interface LayerState {
  rank: number;
  lastPacketAt: number;
}

/**
 * Decides which incoming simulcast layer to echo: the best layer that is currently flowing. Switching happens only
 * on a keyframe of the new layer; until then the current layer keeps flowing and the caller asks for a keyframe.
 */
export class LayerSelector {
  private readonly layers = new Map<string, LayerState>();
  private current: string | undefined;

  get currentLayer(): string | undefined {
    return this.current;
  }

  /** Records a packet and says whether to forward it; `switched` is true on the first packet of a new layer. */
  onPacket(
    layer: string,
    rank: number,
    isKeyframeStart: boolean,
    now: number,
  ): { forward: boolean; switched: boolean } {
    const state = this.layers.get(layer) ?? { rank, lastPacketAt: now };
    state.lastPacketAt = now;
    this.layers.set(layer, state);
    if (layer === this.current) return { forward: true, switched: false };
    if (isKeyframeStart && layer === this.wantedLayer(now)) {
      this.current = layer;
      return { forward: true, switched: true };
    }
    return { forward: false, switched: false };
  }

  /** The layer a switch should go to, or undefined when the current one is already the best flowing layer. */
  pendingLayer(now: number): string | undefined {
    const wanted = this.wantedLayer(now);
    return wanted === this.current ? undefined : wanted;
  }

  private wantedLayer(now: number): string | undefined {
    let best: string | undefined;
    let bestRank = -1;
    for (const [layer, state] of this.layers) {
      const flowing = now - state.lastPacketAt <= LAYER_SILENCE_MS;
      if (flowing && state.rank > bestRank) {
        best = layer;
        bestRank = state.rank;
      }
    }
    return best;
  }
}
