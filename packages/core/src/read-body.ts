/** A request body stream as Node (`IncomingMessage`) or the Fetch API (`Request.body`) exposes it. */
export type BodyStream = AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

/** Outcome of reading a body under a size limit and a deadline. */
export type ReadBodyResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; tooLarge: true; drained: boolean; timedOut?: false }
  | { ok: false; timedOut: true; tooLarge?: false };

const TIMED_OUT: ReadBodyResult = { ok: false, timedOut: true };

// Past the limit we keep reading (and discarding) this much more so the 413 reaches a client that is still
// sending; beyond it we stop reading and let the connection close.
const DRAIN_FACTOR = 64;

const encoder = new TextEncoder();

/** The part of a Node `Readable` used here (read with events: cheaper than its async iterator under load). */
interface NodeReadable {
  on(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  pause(): unknown;
  readableEnded?: boolean;
}

function isNodeReadable(stream: object): stream is NodeReadable {
  const candidate = stream as Partial<NodeReadable>;
  return typeof candidate.on === "function" && typeof candidate.removeListener === "function";
}

/** Collects chunks up to the limit, then only counts them. */
class LimitedBuffer {
  readonly #chunks: Uint8Array[] = [];
  #total = 0;
  constructor(readonly limit: number) {}

  /** Adds a chunk; false once so much has come that reading should stop. */
  add(chunk: Uint8Array | string): boolean {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    this.#total += bytes.byteLength;
    if (this.#total <= this.limit) this.#chunks.push(bytes);
    return this.#total <= this.limit * DRAIN_FACTOR;
  }

  result(ended: boolean): ReadBodyResult {
    if (this.#total > this.limit) return { ok: false, tooLarge: true, drained: ended };
    const bytes = new Uint8Array(this.#total);
    let offset = 0;
    for (const chunk of this.#chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { ok: true, bytes };
  }
}

function readNodeStream(stream: NodeReadable, buffer: LimitedBuffer, timeoutMs: number): Promise<ReadBodyResult> {
  if (stream.readableEnded) return Promise.resolve(buffer.result(true));
  return new Promise((resolve, reject) => {
    // Past the deadline, stop as on an oversized body: the answer closes the connection, which frees the rest.
    const timer = setTimeout(() => {
      stop();
      stream.pause();
      resolve(TIMED_OUT);
    }, timeoutMs);
    const listeners = {
      data: (chunk: Uint8Array | string) => {
        if (buffer.add(chunk)) return;
        // Stop reading without destroying: a destroyed request takes the socket, and the 413, with it.
        stop();
        stream.pause();
        resolve(buffer.result(false));
      },
      end: () => {
        stop();
        resolve(buffer.result(true));
      },
      error: (error: Error) => {
        stop();
        reject(error);
      },
      close: () => {
        stop();
        reject(new Error("The request closed before its body ended"));
      },
    };
    const stop = () => {
      clearTimeout(timer);
      for (const [event, listener] of Object.entries(listeners)) stream.removeListener(event, listener);
    };
    for (const [event, listener] of Object.entries(listeners)) stream.on(event, listener);
  });
}

async function readIterable(stream: BodyStream, buffer: LimitedBuffer, timeoutMs: number): Promise<ReadBodyResult> {
  const iterator =
    Symbol.asyncIterator in stream
      ? (stream as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]()
      : readerIterator((stream as ReadableStream<Uint8Array>).getReader());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), deadline]);
      if (next === TIMED_OUT) return TIMED_OUT;
      const { done, value } = next as IteratorResult<Uint8Array | string>;
      if (done) return buffer.result(true);
      if (!buffer.add(value)) return buffer.result(false);
    }
  } finally {
    clearTimeout(timer);
  }
}

function readerIterator(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncIterator<Uint8Array> {
  return {
    next: async () => {
      const { done, value } = await reader.read();
      return done ? { done: true, value: undefined } : { done: false, value };
    },
  };
}

/** Default deadline for a whole request body, in milliseconds. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/**
 * Reads a whole body, refusing more than `limit` bytes whatever `Content-Length` claimed (chunked bodies have none,
 * and a header can lie), and giving up after `timeoutMs` (a body that never ends). The stream is never destroyed or
 * `return()`ed: on a Node request that would close the socket before the 413 or 408 answer could be written.
 */
export function readBodyWithLimit(
  stream: BodyStream | null | undefined,
  limit: number,
  timeoutMs: number = DEFAULT_BODY_TIMEOUT_MS,
): Promise<ReadBodyResult> {
  const buffer = new LimitedBuffer(limit);
  if (!stream) return Promise.resolve(buffer.result(true));
  return isNodeReadable(stream) ? readNodeStream(stream, buffer, timeoutMs) : readIterable(stream, buffer, timeoutMs);
}
