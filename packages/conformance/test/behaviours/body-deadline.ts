import { describe, expect, it } from "vitest";
import type { AppFactory } from "../support/apps";
import type { Suite } from "../support/harness";

const CHUNKED_JSON = { "content-type": "application/json", "transfer-encoding": "chunked" };

export function bodyDeadlineBehaviours(factory: AppFactory, t: Suite): void {
  // A body parser before the route reads the body under its own rules; the route's deadline starts when it reads.
  describe.skipIf(factory.parsesBodyBeforeRoute)("body deadline", () => {
    it("answers 408 request_timeout to a body that never ends, and closes the connection", async () => {
      const app = await t.app({ bodyTimeoutMs: 300 });
      const before = t.emulator.tokenRequests;
      const started = Date.now();
      const res = await app.stall({ headers: CHUNKED_JSON, chunks: ['{"model":'] });
      expect(res.status).toBe(408);
      expect(res.json.error).toMatchObject({ code: "request_timeout", retryable: true });
      expect(res.headers.get("connection")).toBe("close");
      expect(Date.now() - started).toBeLessThan(5000);
      await res.closed;
      expect(t.emulator.tokenRequests).toBe(before);
    });

    it("mints normally when the body arrives within the deadline", async () => {
      const app = await t.app({ bodyTimeoutMs: 2000 });
      const res = await app.raw({ headers: CHUNKED_JSON, chunks: ['{"expiresIn":', "30}"] });
      expect(res.status).toBe(200);
    });
  });
}
