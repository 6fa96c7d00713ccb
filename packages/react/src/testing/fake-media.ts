/**
 * MediaStream, MediaStreamTrack and getUserMedia for jsdom, which has none. Tracks follow the browser contract the
 * hook relies on: `clone()` gives an independent live track, `stop()` ends only that track, `readyState` reports
 * it. Every track ever created is recorded, so a test can count the ones still live.
 */
let nextId = 0;

export class FakeMediaStreamTrack extends EventTarget {
  readonly id = `track-${++nextId}`;
  readonly kind: "video" | "audio";
  readyState: "live" | "ended" = "live";
  enabled = true;
  stopCalls = 0;
  readonly clonedFrom: FakeMediaStreamTrack | null;
  /** A camera track (or a clone of one), or a track of a remote stream the SDK received. */
  readonly source: "camera" | "remote";

  constructor(kind: "video" | "audio", source: "camera" | "remote", clonedFrom: FakeMediaStreamTrack | null = null) {
    super();
    this.kind = kind;
    this.source = source;
    this.clonedFrom = clonedFrom;
    allTracks.push(this);
  }

  clone(): FakeMediaStreamTrack {
    return new FakeMediaStreamTrack(this.kind, this.source, this);
  }

  stop(): void {
    this.stopCalls++;
    this.readyState = "ended";
  }

  /** The device went away (unplugged, permission revoked): the track ends and says so, unlike after `stop()`. */
  end(): void {
    this.readyState = "ended";
    this.dispatchEvent(new Event("ended"));
  }

  getSettings() {
    return {};
  }
}

export class FakeMediaStream {
  readonly id = `stream-${++nextId}`;
  private readonly tracks: FakeMediaStreamTrack[];

  constructor(tracks: FakeMediaStreamTrack[] = []) {
    this.tracks = [...tracks];
  }

  getTracks() {
    return [...this.tracks];
  }
  getVideoTracks() {
    return this.tracks.filter((track) => track.kind === "video");
  }
  getAudioTracks() {
    return this.tracks.filter((track) => track.kind === "audio");
  }
  addTrack(track: FakeMediaStreamTrack) {
    this.tracks.push(track);
  }
}

export const allTracks: FakeMediaStreamTrack[] = [];

/** Camera tracks (originals and clones) not stopped yet: each one keeps the camera light on. */
export function liveTracks(): FakeMediaStreamTrack[] {
  return allTracks.filter((track) => track.source === "camera" && track.readyState === "live");
}

/**
 * `navigator.mediaDevices.getUserMedia`: records each call's constraints and answers with a fresh camera stream,
 * or the error set with `deny()`. `gate` decides when it answers (`hold()` keeps answers until `release()`).
 */
export class FakeCamera {
  calls: MediaStreamConstraints[] = [];
  gate: () => Promise<void> = async () => {};
  private failure: DOMException | null = null;
  private held: (() => void)[] = [];

  getUserMedia = async (constraints: MediaStreamConstraints): Promise<MediaStream> => {
    this.calls.push(constraints);
    await this.gate();
    if (this.failure) throw this.failure;
    return cameraStream() as unknown as MediaStream;
  };

  deny(name: "NotAllowedError" | "NotFoundError" | "NotReadableError"): void {
    this.failure = new DOMException(`fake camera: ${name}`, name);
  }

  hold(): void {
    this.gate = () => new Promise((resolve) => this.held.push(resolve));
  }

  get pending(): number {
    return this.held.length;
  }

  release(): void {
    const waiting = this.held;
    this.held = [];
    this.gate = async () => {};
    for (const answer of waiting) answer();
  }

  reset(): void {
    allTracks.length = 0;
    this.calls = [];
    this.failure = null;
    this.held = [];
    this.gate = async () => {};
  }
}

/** A stream like a webcam gives: one video track. */
export function cameraStream(): FakeMediaStream {
  return new FakeMediaStream([new FakeMediaStreamTrack("video", "camera")]);
}
