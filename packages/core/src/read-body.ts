/** A request body stream as Node (`IncomingMessage`) or the Fetch API (`Request.body`) exposes it. */
export type BodyStream = AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

/** Outcome of reading a body under a size limit. */
export type ReadBodyResult = { ok: true; bytes: Uint8Array } | { ok: false; tooLarge: true; drained: boolean };

// Past the limit we keep reading (and discarding) this much more so the 413 reaches a client that is still
// sending; beyond it we stop reading and let the connection close.
const DRAIN_FACTOR = 64;

const encoder = new TextEncoder();

function chunkBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === "string" ? encoder.encode(chunk) : chunk;
}

function iteratorOf(stream: BodyStream): AsyncIterator<Uint8Array | string> {
  if (Symbol.asyncIterator in stream) return (stream as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  const reader = (stream as ReadableStream<Uint8Array>).getReader();
  return {
    next: async () => {
      const { done, value } = await reader.read();
      return done ? { done: true, value: undefined } : { done: false, value };
    },
  };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads a whole body, refusing more than `limit` bytes whatever `Content-Length` claimed (chunked bodies have none,
 * and a header can lie). The iterator is never `return()`ed: on a Node request that would destroy the socket before
 * the 413 answer could be written.
 */
export async function readBodyWithLimit(stream: BodyStream | null | undefined, limit: number): Promise<ReadBodyResult> {
  if (!stream) return { ok: true, bytes: new Uint8Array(0) };
  const iterator = iteratorOf(stream);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await iterator.next();
    if (done) break;
    const chunk = chunkBytes(value);
    total += chunk.byteLength;
    if (total > limit * DRAIN_FACTOR) return { ok: false, tooLarge: true, drained: false };
    if (total <= limit) chunks.push(chunk);
  }
  if (total > limit) return { ok: false, tooLarge: true, drained: true };
  return { ok: true, bytes: concat(chunks, total) };
}
