import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

import type { UpstreamAnswer } from "./types";

// node:http rather than the global fetch: one token mint is a small JSON POST, and undici's fetch spends more CPU on
// its WHATWG stream machinery than the rest of the route together (measured with `pnpm bench:server`). Keep-alive
// agents reuse connections to Decart as fetch would.
const agents = { "http:": new HttpAgent({ keepAlive: true }), "https:": new HttpsAgent({ keepAlive: true }) };

function readAnswer(response: IncomingMessage, maxChars: number): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    let text = "";
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      text += chunk;
      if (text.length > maxChars) {
        // Settle first: destroying the response emits "aborted", which would otherwise reject as a network error.
        resolve({ status: response.statusCode ?? 0, text: "", oversized: true });
        response.destroy();
      }
    });
    response.on("end", () => resolve({ status: response.statusCode ?? 0, text, oversized: false }));
    response.on("error", reject);
    response.on("aborted", () => reject(new Error("Decart closed the connection mid-answer")));
  });
}

/**
 * POSTs a JSON body and reads the answer. Rejects on any network failure or when `signal` aborts, so the caller can
 * tell "no answer" (retryable) from an answer with a status.
 */
export function postJson(
  url: URL,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
  maxChars: number,
): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const isHttps = url.protocol === "https:";
    const send = isHttps ? httpsRequest : httpRequest;
    const request = send(url, {
      method: "POST",
      agent: agents[isHttps ? "https:" : "http:"],
      headers: { ...headers, "content-length": Buffer.byteLength(body) },
    });
    const onAbort = () => request.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    const settle =
      <T>(fn: (value: T) => void) =>
      (value: T) => {
        signal.removeEventListener("abort", onAbort);
        fn(value);
      };
    request.on("response", (response) => readAnswer(response, maxChars).then(settle(resolve), settle(reject)));
    request.on("error", settle(reject));
    request.end(body);
  });
}
