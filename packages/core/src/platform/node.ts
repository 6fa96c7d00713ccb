import { createHash } from "node:crypto";

export { postJson } from "./node-http";
export type { UpstreamAnswer } from "./types";

/** Which transport this build calls Decart with: reported in telemetry and benchmarks. */
export const PLATFORM = "node";

// node:crypto rather than crypto.subtle: the Web Crypto digest hops to the thread pool and cost more CPU than the
// rest of the route put together under load (measured with --cpu-prof during the server benchmark).
export function sha256Hex(text: string): Promise<string> {
  return Promise.resolve(createHash("sha256").update(text).digest("hex"));
}
