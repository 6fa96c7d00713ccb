import { MediaStreamTrack, type RTCRtpSender, type RTCRtpTransceiver, RtpHeader, RtpPacket } from "werift";
import { isH264KeyframeStart } from "./h264.js";
import { LayerSelector, rankOfRid } from "./layer-selector.js";
import { SequenceRewriter } from "./sequence-rewriter.js";

const TICK_MS = 500;
/** A fresh keyframe every few seconds bounds how long a lost packet can freeze the echo. */
const PERIODIC_KEYFRAME_MS = 3000;
/** Chrome repeats PLIs while it waits; one request upstream per burst is enough. */
const MIN_KEYFRAME_REQUEST_GAP_MS = 200;

interface Layer {
  ssrc?: number;
  receiver: RTCRtpTransceiver["receiver"];
}

/**
 * The "inference server" output of one room: an H.264 stream that replays the publisher's camera, taken from its best
 * simulcast layer, sent to every participant attached to it (the publisher and any viewers). Keyframe requests from
 * any receiver's decoder are passed on to the camera, and layer switches wait for a keyframe so no decoder ever sees
 * a frame whose references it lacks. Each receiver gets its own track: werift's sender rewrites the packets it
 * sends in place, so one packet object cannot be shared between senders.
 */
export class CameraEcho {
  private readonly outputs = new Set<MediaStreamTrack>();
  private readonly selector = new LayerSelector();
  private readonly rewriter = new SequenceRewriter();
  private readonly layers = new Map<string, Layer>();
  private readonly unsubscribers: Array<() => void> = [];
  private readonly timer: NodeJS.Timeout;
  private lastKeyframeRequestAt = new Map<string, number>();
  private lastPeriodicKeyframeAt = Date.now();
  private stopped = false;

  constructor() {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Starts echoing the layers the browser sends on `transceiver` (its camera's send section). */
  addSource(transceiver: RTCRtpTransceiver): void {
    for (const source of transceiver.receiver.tracks) {
      const key = source.rid ?? `ssrc:${source.ssrc}`;
      if (this.layers.has(key)) continue;
      const layer: Layer = { receiver: transceiver.receiver, ssrc: source.ssrc };
      this.layers.set(key, layer);
      const rank = rankOfRid(source.rid);
      const { unSubscribe } = source.onReceiveRtp.subscribe((packet) => {
        layer.ssrc = packet.header.ssrc;
        this.forward(key, rank, packet);
      });
      this.unsubscribers.push(unSubscribe);
      this.requestKeyframe(key);
    }
  }

  /**
   * Sends the echo on `sender` until the returned function is called, and passes that receiver's picture-loss
   * reports on to the camera layer being echoed. A receiver joining mid-stream gets a keyframe at once.
   */
  async attach(sender: RTCRtpSender): Promise<() => void> {
    const track = new MediaStreamTrack({ kind: "video" });
    await sender.replaceTrack(track);
    if (this.stopped) {
      track.stop();
      return () => {};
    }
    this.outputs.add(track);
    const { unSubscribe } = sender.onPictureLossIndication.subscribe(() => this.requestCurrentKeyframe());
    this.requestCurrentKeyframe();
    return () => {
      unSubscribe();
      this.outputs.delete(track);
      track.stop();
    };
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    for (const track of this.outputs) track.stop();
    this.outputs.clear();
  }

  private requestCurrentKeyframe(): void {
    const current = this.selector.currentLayer;
    if (current) this.requestKeyframe(current);
  }

  private forward(layer: string, rank: number, packet: RtpPacket): void {
    const now = Date.now();
    const keyframe = packet.payload.length > 0 && isH264KeyframeStart(packet.payload);
    const { forward, switched } = this.selector.onPacket(layer, rank, keyframe, now);
    if (!forward) return;
    if (switched) this.rewriter.switchSource(packet.header, now);
    const position = this.rewriter.rewrite(packet.header, now);
    // Extensions are dropped: their ids belong to the camera's section, and a stale rid would make Chrome look for
    // a simulcast stream the echo section does not have. The sender adds mid and transport-cc itself.
    for (const output of this.outputs) {
      const header = new RtpHeader({
        marker: packet.header.marker,
        padding: packet.header.padding,
        paddingSize: packet.header.paddingSize,
        payloadType: packet.header.payloadType,
        sequenceNumber: position.sequenceNumber,
        timestamp: position.timestamp,
      });
      output.writeRtp(new RtpPacket(header, packet.payload));
    }
  }

  private tick(): void {
    const now = Date.now();
    const pending = this.selector.pendingLayer(now);
    if (pending) this.requestKeyframe(pending);
    const current = this.selector.currentLayer;
    if (current && now - this.lastPeriodicKeyframeAt >= PERIODIC_KEYFRAME_MS) {
      this.lastPeriodicKeyframeAt = now;
      this.requestKeyframe(current);
    }
  }

  private requestKeyframe(key: string): void {
    const layer = this.layers.get(key);
    const now = Date.now();
    if (layer?.ssrc === undefined || now - (this.lastKeyframeRequestAt.get(key) ?? 0) < MIN_KEYFRAME_REQUEST_GAP_MS) {
      return;
    }
    this.lastKeyframeRequestAt.set(key, now);
    layer.receiver.sendRtcpPLI(layer.ssrc).catch(() => {
      // The transport may be closing; the next tick retries while the session lives.
    });
  }
}
