/** Decart's answer, read in full (or cut short past the size limit). */
export interface UpstreamAnswer {
  status: number;
  text: string;
  /** True when the body went past `maxChars` and was not read further. */
  oversized: boolean;
}

/**
 * What core needs from the runtime, chosen by the package's `#platform` import conditions: Node's keep-alive
 * `node:http` and `node:crypto` where they exist, Web APIs (global `fetch`, `crypto.subtle`) everywhere else.
 */
export interface Platform {
  readonly PLATFORM: "node" | "web";
  postJson(
    url: URL,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
    maxChars: number,
  ): Promise<UpstreamAnswer>;
  sha256Hex(text: string): Promise<string>;
}
