import { describe, expect, it } from "vitest";
import type { AppFactory } from "../support/apps";
import { PERMANENT_KEY, type Suite } from "../support/harness";

const UPSTREAM_TEXT = "upstream-internal-detail-7f3a";

export function upstreamBehaviours(_factory: AppFactory, t: Suite): void {
  describe("upstream (Decart) trouble", () => {
    it("answers 504 upstream_timeout when Decart does not answer within the budget", async () => {
      const app = await t.app({ timeoutMs: 400 });
      t.emulator.fault({ type: "hang" });
      const before = t.emulator.tokenRequests;
      const started = Date.now();
      const res = await app.post({});
      const elapsed = Date.now() - started;
      expect(res.status).toBe(504);
      expect(res.json.error).toMatchObject({ code: "upstream_timeout", retryable: true });
      expect(elapsed).toBeGreaterThanOrEqual(390);
      // Generous margin for a loaded machine: the point is the 400 ms budget, not the 5 s default.
      expect(elapsed).toBeLessThan(400 + 1000);
      expect(t.emulator.tokenRequests - before).toBe(1);
    });

    it("retries a 5xx and succeeds when Decart recovers", async () => {
      const app = await t.app();
      t.emulator.fault({ type: "status", status: 503, times: 1 });
      const before = t.emulator.tokenRequests;
      const res = await app.post({});
      expect(res.status).toBe(200);
      expect(t.emulator.tokenRequests - before).toBe(2);
    });

    it("gives up after `retries` retries of 5xx or connection resets: 502 upstream_error", async () => {
      const app = await t.app({ retries: 2 });
      t.emulator.fault({ type: "status", status: 500, detail: UPSTREAM_TEXT });
      let before = t.emulator.tokenRequests;
      const failed = await app.post({});
      expect(failed.status).toBe(502);
      expect(failed.json.error).toMatchObject({ code: "upstream_error", retryable: true });
      expect(failed.text).not.toContain(UPSTREAM_TEXT);
      expect(t.emulator.tokenRequests - before).toBe(3);
      t.emulator.clearFaults();
      t.emulator.fault({ type: "reset" });
      before = t.emulator.tokenRequests;
      expect((await app.post({})).status).toBe(502);
      expect(t.emulator.tokenRequests - before).toBe(3);
    });

    it("never retries a 4xx, and never echoes Decart's text", async () => {
      const app = await t.app({ retries: 2 });
      t.emulator.fault({ type: "status", status: 400, detail: UPSTREAM_TEXT, times: 1 });
      const before = t.emulator.tokenRequests;
      const res = await app.post({});
      expect(res.status).toBe(502);
      expect(res.json.error.code).toBe("upstream_error");
      expect(res.text).not.toContain(UPSTREAM_TEXT);
      expect(t.emulator.tokenRequests - before).toBe(1);
      // The detail is for the operator: it is in the log, without the key.
      expect(t.logs.some((line) => line.includes(UPSTREAM_TEXT))).toBe(true);
    });

    it("answers 502 upstream_error when Decart rejects the permanent key, never revealing it", async () => {
      const app = await t.app({ apiKey: `${PERMANENT_KEY}-revoked` });
      const res = await app.post({});
      expect(res.status).toBe(502);
      expect(res.json.error.code).toBe("upstream_error");
      expect(t.logs.join("\n")).not.toContain(`${PERMANENT_KEY}-revoked`);
    });

    it("answers 502 upstream_error for a malformed body or a key without ek_, without retrying", async () => {
      const app = await t.app();
      for (const type of ["malformed-json", "non-ek-key"] as const) {
        t.emulator.fault({ type, times: 1 });
        const before = t.emulator.tokenRequests;
        const res = await app.post({});
        expect(res.status, type).toBe(502);
        expect(res.json.error.code).toBe("upstream_error");
        expect(res.text).not.toMatch(/sk_|ek_/);
        expect(t.emulator.tokenRequests - before).toBe(1);
      }
    });
  });
}
