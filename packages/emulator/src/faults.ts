/** A failure the token API plays instead of (or before) answering, to test how a caller copes with Decart failing. */
export type Fault = (
  | {
      /** Answer this HTTP status with a `{ detail }` body. */
      type: "status";
      /** @example 503 */
      status: number;
      /** @default "Emulated upstream failure (<status>)" */
      detail?: string;
    }
  | {
      /** Wait, then answer normally. */
      type: "delay";
      /** @example 4000 */
      ms: number;
    }
  | { /** Never answer; `close()` ends the request. */ type: "hang" }
  | { /** Destroy the TCP connection without an answer. */ type: "reset" }
  | { /** 200 with a body that is not JSON. */ type: "malformed-json" }
  | { /** 200 with a well-formed body whose `apiKey` lacks the `ek_` prefix. */ type: "non-ek-key" }
) & {
  /**
   * How many requests this fault applies to; omitted means until `clearFaults()`.
   * @default undefined (until cleared)
   */
  times?: number;
};

/** Faults queued FIFO: each request takes the head one and uses up one of its `times`. */
export class FaultQueue {
  #queue: Fault[] = [];

  add(fault: Fault): void {
    if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) {
      throw new RangeError(`fault.times must be a positive integer, got ${fault.times}`);
    }
    if (fault.type === "status" && (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)) {
      throw new RangeError(`fault.status must be an HTTP status (100-599), got ${fault.status}`);
    }
    if (fault.type === "delay" && !(fault.ms >= 0)) throw new RangeError(`fault.ms must be >= 0, got ${fault.ms}`);
    this.#queue.push({ ...fault });
  }

  clear(): void {
    this.#queue = [];
  }

  /** The fault for the next request, if any. */
  take(): Fault | undefined {
    const head = this.#queue[0];
    if (!head) return undefined;
    if (head.times !== undefined) {
      head.times -= 1;
      if (head.times === 0) this.#queue.shift();
    }
    return head;
  }
}
