import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import type { AppFactory } from "../support/apps";
import type { Suite } from "../support/harness";

/** An authorize that accepts one password and counts its calls. */
function passwordCheck() {
  const calls = { count: 0 };
  const authorize = (ctx: { headers: Record<string, unknown> }) => {
    calls.count++;
    return ctx.headers.authorization === "Bearer right" ? { id: "ann" } : null;
  };
  return { authorize, calls };
}

export function failedSignInBehaviours(_factory: AppFactory, t: Suite): void {
  describe("failed sign-ins: throttled per client", () => {
    it("allows 20 failed sign-ins a minute per client, then 429 rate_limited without calling authorize", async () => {
      const { authorize, calls } = passwordCheck();
      const app = await t.app({ authorize, rateLimit: false });
      for (let i = 0; i < 20; i++) expect((await app.post({}, { authorization: "Bearer wrong" })).status).toBe(401);
      const refused = await app.post({}, { authorization: "Bearer right" });
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatchObject({ code: "rate_limited", retryable: true });
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(calls.count).toBe(20);
      // Another client address is not affected.
      expect((await app.postFrom("127.0.0.2", {}, { authorization: "Bearer right" })).status).toBe(200);
    });

    it("counts only failures, and takes its numbers from failedSignIns", async () => {
      const { authorize, calls } = passwordCheck();
      const app = await t.app({ authorize, rateLimit: false, failedSignIns: { points: 2, duration: 30 } });
      const statuses = [];
      for (const password of ["right", "wrong", "right", "wrong", "right"]) {
        statuses.push((await app.post({}, { authorization: `Bearer ${password}` })).status);
      }
      expect(statuses).toEqual([200, 401, 200, 401, 429]);
      expect(calls.count).toBe(4);
      const off = await t.app({ authorize, rateLimit: false, failedSignIns: false });
      for (let i = 0; i < 25; i++) expect((await off.post({}, { authorization: "Bearer wrong" })).status).toBe(401);
    });

    it("counts failures in the token limiter's store when one is given", async () => {
      const { authorize } = passwordCheck();
      const limiter = new RateLimiterMemory({ points: 10, duration: 60, keyPrefix: "decart-token" });
      const app = await t.app({ authorize, rateLimit: { limiter }, failedSignIns: { points: 1 } });
      expect((await app.post({}, { authorization: "Bearer wrong" })).status).toBe(401);
      expect((await app.post({}, { authorization: "Bearer right" })).status).toBe(429);
      expect(t.logs.filter((line) => line.includes("counted in memory"))).toEqual([]);
    });
  });
}
