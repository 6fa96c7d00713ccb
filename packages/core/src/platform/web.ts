import type { UpstreamAnswer } from "./types";

export type { UpstreamAnswer } from "./types";

/** Which transport this build calls Decart with: reported in telemetry and benchmarks. */
export const PLATFORM = "web";

/** Reads a response body as text, stopping (and cancelling the stream) once it passes `maxChars`. */
async function readLimited(response: Response, maxChars: number): Promise<{ text: string; oversized: boolean }> {
  if (!response.body) return { text: "", oversized: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), oversized: false };
    text += decoder.decode(value, { stream: true });
    if (text.length > maxChars) {
      await reader.cancel().catch(() => {});
      return { text: "", oversized: true };
    }
  }
}

/**
 * POSTs a JSON body with the runtime's global `fetch` (workerd, Vercel's edge runtime, Deno, browsers' workers).
 * Rejects on any network failure or when `signal` aborts, so the caller can tell "no answer" from a status.
 */
export async function postJson(
  url: URL,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
  maxChars: number,
): Promise<UpstreamAnswer> {
  const response = await fetch(url, { method: "POST", headers, body, signal, redirect: "manual" });
  const { text, oversized } = await readLimited(response, maxChars);
  return { status: response.status, text, oversized };
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0"));

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))).join("");
}
