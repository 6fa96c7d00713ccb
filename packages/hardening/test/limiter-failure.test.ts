import { type Emulator, startEmulator } from "@decart-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hardeningAdapters } from "./support/adapters";
import { PERMANENT_KEY, recordingLogger } from "./support/route-log";

const TIMEOUT_MS = 300;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [PERMANENT_KEY] });
});
afterAll(() => emulator.close());

const failingStores = {
  "rejects (store down)": () => Promise.reject(new Error(`connect ECONNREFUSED 127.0.0.1:6390`)),
  "never answers (commands queued while reconnecting)": () => new Promise<never>(() => undefined),
};

describe.each(hardeningAdapters.map((factory) => [factory.adapter, factory] as const))("%s", (_name, factory) => {
  it.each(Object.entries(failingStores))("fails closed when the limiter %s", async (_what, consume) => {
    const log = recordingLogger();
    const app = await factory.start({
      apiKey: PERMANENT_KEY,
      baseUrl: emulator.url,
      logger: log.logger,
      timeoutMs: TIMEOUT_MS,
      rateLimit: { limiter: { consume } },
    });
    try {
      const attempts = emulator.tokenRequests;
      const started = performance.now();
      const res = await fetch(app.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const elapsed = performance.now() - started;
      const text = await res.text();
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(JSON.parse(text)).toEqual({
        error: {
          code: "rate_limited",
          message: "Rate limiting is unavailable; retry in 5 s",
          retryable: true,
          retryAfter: 5,
        },
      });
      expect(emulator.tokenRequests).toBe(attempts);
      // The budget is 300 ms; the slack is for a loaded 2-core machine, the point is "no hang".
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 1_500);
      expect(text).not.toContain(PERMANENT_KEY);
      expect(log.lines.some((line) => line.startsWith("error rate limiter failed"))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
