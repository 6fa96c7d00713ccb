import { request as httpRequest } from "node:http";
import type { FuzzRequest } from "./fuzz-requests";

/** What came back: an answer, or nothing when the client's own lie left the server waiting for bytes. */
export type RawAnswer =
  | { answered: true; status: number; headers: Record<string, string>; text: string; ms: number }
  | { answered: false; reason: string; ms: number };

// A client that announced more bytes than it sends may get no answer until it gives up; this is when it does. (The
// route answers a claim over its limit at once, but `express.json()` before it first waits for the whole announced
// body: body-parser reads a refused request to its end before passing the error on.)
const GIVE_UP_MS = 60;

function contentLength(request: FuzzRequest): string | undefined {
  const actual = request.body.byteLength;
  switch (request.framing) {
    case "exact":
      return String(actual);
    case "short-lie":
      return String(Math.floor(actual / 2));
    case "long-lie":
      return String(actual + 100);
    case "huge-claim":
      return "1000000000";
    case "chunked":
      return undefined;
  }
}

/**
 * Sends the request byte for byte as generated (node:http does not check a Content-Length against the body), one
 * connection per request so a lying request cannot spill into the next one.
 */
export function sendRaw(url: string, request: FuzzRequest): Promise<RawAnswer> {
  const started = performance.now();
  const length = contentLength(request);
  const headers: Record<string, string> = { ...request.headers, connection: "close" };
  if (length !== undefined) headers["content-length"] = length;
  else headers["transfer-encoding"] = "chunked";
  return new Promise((resolve) => {
    const done = (answer: RawAnswer) => {
      clearTimeout(giveUp);
      resolve(answer);
    };
    const req = httpRequest(url, { method: request.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", () => undefined);
      res.on("end", () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) flat[name] = String(value);
        const text = Buffer.concat(chunks).toString("utf8");
        done({ answered: true, status: res.statusCode ?? 0, headers: flat, text, ms: performance.now() - started });
      });
    });
    const giveUp = setTimeout(
      () => {
        req.destroy();
        done({ answered: false, reason: "client gave up", ms: performance.now() - started });
      },
      request.framing === "long-lie" || request.framing === "huge-claim" ? GIVE_UP_MS : 10_000,
    );
    // The server may answer (413, 415) and close before the body went out: the answer is what counts.
    req.on("error", (error) => done({ answered: false, reason: error.message, ms: performance.now() - started }));
    if (request.framing === "chunked") {
      const half = Math.floor(request.body.byteLength / 2);
      req.write(request.body.subarray(0, half));
      req.end(request.body.subarray(half));
    } else {
      req.end(request.body);
    }
  });
}
