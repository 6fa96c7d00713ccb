import { request as httpRequest } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { type Emulator, startEmulator } from "@decart-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hardeningAdapters } from "./support/adapters";
import { PERMANENT_KEY } from "./support/route-log";

const STALLED = 300;
const BODY_TIMEOUT_MS = 2_000;
// Most of a body (under the 16 KiB limit), then silence: what a slow-body attack holds open per connection.
const PARTIAL_BODY = `{"model":"${"m".repeat(8 * 1024)}`;
const MB = 1024 * 1024;

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Memory the requests can hold: the JS heap plus the Buffers the sockets read into. */
function heldBytes(): number {
  collectGarbage();
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** A request that sends its headers and most of a chunked body, then never finishes; resolves with its status. */
function stalledRequest(url: string): Promise<number> {
  return new Promise((resolve) => {
    const headers = { "content-type": "application/json", "transfer-encoding": "chunked" };
    const req = httpRequest(url, { method: "POST", headers, agent: false }, (res) => {
      res.resume();
      res.on("close", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.write(PARTIAL_BODY);
  });
}

async function timedPost(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  await res.text();
  return { status: res.status, ms: performance.now() - started };
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [PERMANENT_KEY] });
});
afterAll(() => emulator.close());

// Where a body parser runs first, the body is the parser's to time out (documented), not the route's.
const routeReadsBody = hardeningAdapters.filter((factory) => !factory.parsesBodyBeforeRoute);

describe.each(routeReadsBody.map((factory) => [factory.adapter, factory] as const))("%s", (_name, factory) => {
  it(`${STALLED} stalled bodies: a normal request is not delayed, and their memory is freed after the deadline`, async () => {
    const app = await factory.start({
      apiKey: PERMANENT_KEY,
      baseUrl: emulator.url,
      logger: false,
      rateLimit: false,
      bodyTimeoutMs: BODY_TIMEOUT_MS,
    });
    try {
      await timedPost(app.url); // warm up
      const baseline = await timedPost(app.url);
      const before = heldBytes();
      const started = performance.now();
      const stalled = Array.from({ length: STALLED }, () => stalledRequest(app.url));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const whileStalled = await timedPost(app.url);
      const during = heldBytes();
      const statuses = await Promise.all(stalled);
      const allAnsweredMs = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = heldBytes();
      const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
      console.log(
        `${factory.adapter}: normal request ${baseline.ms.toFixed(0)} ms alone, ${whileStalled.ms.toFixed(0)} ms ` +
          `beside ${STALLED} stalled bodies; all ${STALLED} answered in ${allAnsweredMs.toFixed(0)} ms ` +
          `(deadline ${BODY_TIMEOUT_MS} ms); held memory ${mb(before)} before, ${mb(during)} while stalled ` +
          `(+${mb(during - before)}), ${mb(after)} after (${after >= before ? "+" : ""}${mb(after - before)})`,
      );
      expect(whileStalled.status).toBe(200);
      expect(statuses).toEqual(Array(STALLED).fill(408));
      // Loose bounds, for a shared 2-core machine: the point is "not held until Node's 300 s requestTimeout".
      expect(whileStalled.ms).toBeLessThan(5_000);
      expect(allAnsweredMs).toBeLessThan(BODY_TIMEOUT_MS + 30_000);
      expect(after - before).toBeLessThan(Math.max(4 * MB, (during - before) / 2));
    } finally {
      await app.close();
    }
  });
});
