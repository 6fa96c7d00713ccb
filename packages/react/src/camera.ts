import { Superseded } from "./errors";
import { openCamera, stopStream, watchEnded } from "./media";
import type { CameraOptions, ResolvedModel } from "./types";

/**
 * The camera stream a session publishes: one the app gave (never stopped by us) or one the hook opened (stopped
 * when released). Reports a video track that ends on its own, so a session never streams a dead camera.
 */
export class CameraHolder {
  stream: MediaStream | null = null;
  #owned = false;
  #unwatch: (() => void) | null = null;
  #ticket = 0;
  readonly #onLost: () => void;

  constructor(onLost: () => void) {
    this.#onLost = onLost;
  }

  /** The app's stream, or the current own camera if one is open (a preview), or a newly opened one. */
  async acquire(given: MediaStream | undefined, model: ResolvedModel, options?: CameraOptions): Promise<MediaStream> {
    if (given) {
      if (this.stream !== given) this.#hold(given, false);
      return given;
    }
    if (this.stream && this.#owned) return this.stream;
    return this.open(model, options);
  }

  /** Opens the camera with these options and makes it the current stream (the previous own one is stopped). */
  async open(model: ResolvedModel, options?: CameraOptions): Promise<MediaStream> {
    const ticket = ++this.#ticket;
    const stream = await openCamera(model, options);
    if (ticket !== this.#ticket) {
      stopStream(stream);
      throw new Superseded();
    }
    this.#hold(stream, true);
    return stream;
  }

  /** Takes `stream` as the current one; the previous stream is stopped if the hook had opened it. */
  #hold(stream: MediaStream, owned: boolean): void {
    this.release();
    this.stream = stream;
    this.#owned = owned;
    this.#unwatch = watchEnded(stream, this.#onLost);
  }

  /** Forgets the stream, stopping it if the hook opened it; a camera still opening is stopped when it answers. */
  release(): void {
    this.#ticket++;
    this.#unwatch?.();
    this.#unwatch = null;
    if (this.#owned) stopStream(this.stream);
    this.stream = null;
    this.#owned = false;
  }
}
