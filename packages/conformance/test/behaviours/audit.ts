import { createHash } from "node:crypto";
import type { TokenDeniedEvent, TokenIssuedEvent } from "@decart-kit/core";
import { describe, expect, it } from "vitest";
import type { AppFactory } from "../support/apps";
import { PERMANENT_KEY, type Suite } from "../support/harness";

export function auditBehaviours(_factory: AppFactory, t: Suite): void {
  describe("onTokenIssued", () => {
    it("receives identity, granted options, expiry and a hash of the token, and no secret", async () => {
      const events: TokenIssuedEvent[] = [];
      const app = await t.app({
        authorize: () => "user-42",
        allowedModels: ["lucy-2.1"],
        metadata: { plan: "pro" },
        expiresIn: 90,
        onTokenIssued: (event: TokenIssuedEvent) => {
          events.push(event);
        },
      });
      const res = await app.post({ model: "lucy-2.1" });
      expect(res.status).toBe(200);
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event).toMatchObject({
        identity: "user-42",
        model: "lucy-2.1",
        granted: { expiresIn: 90, allowedModels: ["lucy-2.1"], metadata: { plan: "pro" } },
        expiresAt: res.json.expiresAt,
        tokenHash: createHash("sha256").update(res.json.apiKey).digest("hex"),
      });
      const serialized = JSON.stringify(event);
      expect(serialized).not.toContain(res.json.apiKey);
      expect(serialized).not.toContain(PERMANENT_KEY);
    });

    it("withholds the token (500 internal_error) when the audit hook fails", async () => {
      const app = await t.app({
        onTokenIssued: () => {
          throw new Error("audit store down");
        },
      });
      const res = await app.post({});
      expect(res.status).toBe(500);
      expect(res.json.error.code).toBe("internal_error");
      expect(res.text).not.toContain("ek_");
    });

    it("never logs a client token or the permanent key", async () => {
      const app = await t.app();
      const res = await app.post({});
      expect(res.status).toBe(200);
      expect(t.logs.some((line) => line.startsWith("info token issued"))).toBe(true);
      expect(t.logs.join("\n")).not.toContain(res.json.apiKey);
    });
  });

  describe("onTokenDenied", () => {
    it("reports every refusal with code, status, identity, IP, origin and model, and logs it at info", async () => {
      const events: TokenDeniedEvent[] = [];
      const app = await t.app({
        authorize: (ctx: { headers: Record<string, unknown> }) => ctx.headers["x-user"] ?? null,
        allowedModels: ["lucy-2.1"],
        allowedOrigins: ["https://app.example"],
        rateLimit: { points: 1, duration: 60 },
        onTokenDenied: (event: TokenDeniedEvent) => {
          events.push(event);
        },
      });
      expect((await app.post({})).status).toBe(401);
      expect((await app.post({ model: "lucy-2.5" }, { "x-user": "ada" })).status).toBe(403);
      expect((await app.post({}, { "x-user": "ada", origin: "https://evil.example" })).status).toBe(403);
      expect((await app.post({}, { "x-user": "ada" })).status).toBe(200);
      expect((await app.post({}, { "x-user": "ada" })).status).toBe(429);
      expect(events.map(({ code, status }) => [code, status])).toEqual([
        ["unauthorized", 401],
        ["model_not_allowed", 403],
        ["origin_not_allowed", 403],
        ["rate_limited", 429],
      ]);
      expect(events[1]).toMatchObject({ identity: "ada", model: "lucy-2.5", ip: expect.stringContaining("127.0.0.1") });
      expect(events[2]).toMatchObject({ origin: "https://evil.example" });
      const refusals = t.logs.filter((line) => line.startsWith("info token refused"));
      expect(refusals).toHaveLength(4);
      expect(refusals[3]).toContain('"identity":"ada"');
      expect(refusals[3]).toMatch(/"ip":"[^"]*127\.0\.0\.1"/);
    });

    it("keeps the answer when the hook throws, and logs the failure", async () => {
      const app = await t.app({
        authorize: () => null,
        onTokenDenied: () => {
          throw new Error("metrics down");
        },
      });
      const res = await app.post({});
      expect([res.status, res.json.error.code]).toEqual([401, "unauthorized"]);
      expect(t.logs.some((line) => line.startsWith("error onTokenDenied threw"))).toBe(true);
    });
  });
}
