import type { RealtimeState, RealtimeStatus } from "./types";

export const IDLE: RealtimeState = {
  status: "idle",
  remoteStream: null,
  localStream: null,
  error: null,
  queuePosition: null,
  sessionId: null,
  subscribeToken: null,
  tokenExpiresAt: null,
  sessionEndsAt: null,
  generationSeconds: null,
  endReason: null,
};

/**
 * The state snapshot and its subscribers (the `useSyncExternalStore` contract). A patch that changes nothing
 * visible notifies nobody; a detached store (unmounted component) never notifies.
 */
export class StateStore {
  state: RealtimeState = IDLE;
  attached = true;
  readonly #listeners = new Set<() => void>();
  readonly #onStatusChange: (status: RealtimeStatus) => void;

  constructor(onStatusChange: (status: RealtimeStatus) => void) {
    this.#onStatusChange = onStatusChange;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): RealtimeState => this.state;

  update(patch: Partial<RealtimeState>): void {
    if (!this.attached) return;
    const previous = this.state;
    const keys = Object.keys(patch) as (keyof RealtimeState)[];
    if (keys.every((key) => sameValue(previous[key], patch[key]))) return;
    this.state = { ...previous, ...patch };
    for (const listener of this.#listeners) listener();
    if (this.state.status !== previous.status) this.#onStatusChange(this.state.status);
  }
}

/** Dates and queue places are compared by value (each update makes new ones), everything else by identity. */
function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || ((a instanceof Date || isQueue(a)) && JSON.stringify(a) === JSON.stringify(b));
}

function isQueue(value: unknown): value is { position: number; queueSize: number; source: string } {
  return typeof value === "object" && value !== null && "queueSize" in value;
}
