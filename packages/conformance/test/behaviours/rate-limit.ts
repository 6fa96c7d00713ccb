import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import type { AppFactory } from "../support/apps";
import type { Suite, TestApp } from "../support/harness";

async function statuses(app: TestApp, count: number, headers: Record<string, string> = {}): Promise<number[]> {
  const answers = [];
  for (let i = 0; i < count; i++) answers.push((await app.post({}, headers)).status);
  return answers;
}

export function rateLimitBehaviours(_factory: AppFactory, t: Suite): void {
  describe("rate limiting", () => {
    it("allows 10 tokens per minute per IP by default, then 429 rate_limited with Retry-After", async () => {
      const app = await t.app();
      expect(await statuses(app, 10)).toEqual(Array(10).fill(200));
      const before = t.emulator.tokenRequests;
      const limited = await app.post({});
      expect(limited.status).toBe(429);
      expect(limited.json.error).toMatchObject({ code: "rate_limited", retryable: true });
      expect(limited.json.error.retryAfter).toBeGreaterThan(0);
      expect(limited.json.error.retryAfter).toBeLessThanOrEqual(60);
      expect(limited.headers.get("retry-after")).toBe(String(limited.json.error.retryAfter));
      expect(t.emulator.tokenRequests).toBe(before);
    });

    it("counts per identity when authorize names the caller", async () => {
      const app = await t.app({
        authorize: (ctx: { headers: Record<string, unknown> }) => ctx.headers["x-user"] as string | undefined,
        rateLimit: { points: 2 },
      });
      expect(await statuses(app, 3, { "x-user": "ann" })).toEqual([200, 200, 429]);
      expect(await statuses(app, 2, { "x-user": "bob" })).toEqual([200, 200]);
    });

    it("counts per client IP as the framework resolves it behind a trusted proxy", async () => {
      const app = await t.app({ rateLimit: { points: 1, duration: 30 } }, { trustProxy: true });
      expect(await statuses(app, 2, { "x-forwarded-for": "203.0.113.1" })).toEqual([200, 429]);
      expect(await statuses(app, 1, { "x-forwarded-for": "203.0.113.2" })).toEqual([200]);
    });

    it("takes any rate-limiter-flexible limiter, and can be switched off", async () => {
      const limited = await t.app({ rateLimit: { limiter: new RateLimiterMemory({ points: 1, duration: 60 }) } });
      expect(await statuses(limited, 2)).toEqual([200, 429]);
      const unlimited = await t.app({ rateLimit: false });
      expect(await statuses(unlimited, 12)).toEqual(Array(12).fill(200));
    });
  });
}
