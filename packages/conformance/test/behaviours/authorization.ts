import { TokenRouteError } from "@decart-kit/core";
import { describe, expect, it, vi } from "vitest";
import type { AppFactory } from "../support/apps";
import type { Suite } from "../support/harness";

export function authorizationBehaviours(_factory: AppFactory, t: Suite): void {
  describe("minting and authorize", () => {
    it("mints a client token through Decart with the policy's options", async () => {
      const app = await t.app({ expiresIn: 120, constraints: { realtime: { maxSessionDuration: 90 } } });
      const res = await app.post({});
      expect(res.status).toBe(200);
      expect(res.json.apiKey).toMatch(/^ek_/);
      expect(Date.parse(res.json.expiresAt)).toBeGreaterThan(Date.now() + 100_000);
      expect(res.json.constraints).toEqual({ realtime: { maxSessionDuration: 90 } });
      const issued = t.emulator.issued.at(-1);
      expect(issued?.apiKey).toBe(res.json.apiKey);
      expect(issued?.options).toEqual({ expiresIn: 120, constraints: { realtime: { maxSessionDuration: 90 } } });
    });

    it("accepts a POST with no body at all (Content-Type: application/json still required)", async () => {
      const app = await t.app();
      const res = await app.send("POST", { headers: { "content-type": "application/json" } });
      expect(res.status).toBe(200);
      expect(t.emulator.issued.at(-1)?.options).toEqual({ expiresIn: 60 });
    });

    it("is created without any key (as during a build) and answers 500 misconfigured until one is set", async () => {
      vi.stubEnv("DECART_API_KEY", "");
      try {
        const app = await t.app({ apiKey: undefined });
        for (let i = 0; i < 2; i++) {
          const res = await app.post({});
          expect([res.status, res.json.error.code]).toEqual([500, "misconfigured"]);
        }
        expect(t.logs.filter((line) => line.startsWith("error no Decart API key"))).toHaveLength(1);
      } finally {
        vi.unstubAllEnvs();
      }
    });

    it("refuses to be created without authorize in production unless allowAnonymous is explicit", async () => {
      vi.stubEnv("NODE_ENV", "production");
      try {
        await expect(t.app()).rejects.toThrow(/authorize: expected a function .* \(or allowAnonymous: true\)/);
        const app = await t.app({ allowAnonymous: true });
        expect((await app.post({})).status).toBe(200);
      } finally {
        vi.unstubAllEnvs();
      }
    });

    it("answers 401 unauthorized when authorize returns no identity, without calling Decart", async () => {
      const app = await t.app({ authorize: () => null });
      const before = t.emulator.tokenRequests;
      const res = await app.post({});
      expect(res.status).toBe(401);
      expect(res.json.error).toMatchObject({ code: "unauthorized", retryable: false });
      expect(t.emulator.tokenRequests).toBe(before);
    });

    it("answers 500 internal_error when authorize throws, logging the error and echoing nothing", async () => {
      const app = await t.app({
        authorize: () => {
          throw new Error("database password rejected");
        },
      });
      const res = await app.post({});
      expect(res.status).toBe(500);
      expect(res.json.error.code).toBe("internal_error");
      expect(res.text).not.toContain("database password");
      expect(
        t.logs.some((line) => line.startsWith("error authorize threw") && line.includes("database password")),
      ).toBe(true);
    });

    it("answers with the coded error authorize throws, e.g. 403 forbidden", async () => {
      const app = await t.app({
        authorize: () => {
          throw new TokenRouteError("forbidden", "Trial accounts cannot stream");
        },
      });
      const res = await app.post({});
      expect(res.status).toBe(403);
      expect(res.json.error).toEqual({ code: "forbidden", message: "Trial accounts cannot stream", retryable: false });
    });

    it("hands the identity to every policy function, the rate-limit key and the audit hook", async () => {
      const seen: Record<string, unknown> = {};
      const spy =
        <T>(name: string, value: T) =>
        (ctx: { identity: unknown }) => {
          seen[name] = ctx.identity;
          return value;
        };
      const user = { id: "user-7", plan: "pro" };
      const app = await t.app({
        authorize: (ctx: { headers: Record<string, unknown> }) =>
          ctx.headers.authorization === "Bearer 7" ? user : null,
        expiresIn: spy("expiresIn", 300),
        allowedModels: spy("allowedModels", ["mirage_v2"]),
        allowedOrigins: spy("allowedOrigins", undefined),
        constraints: spy("constraints", { realtime: { maxSessionDuration: 60 } }),
        metadata: (ctx: { identity: typeof user }) => ({ userId: ctx.identity.id }),
        rateLimit: {
          key: (ctx: { identity: typeof user }) => {
            seen.rateLimitKey = ctx.identity;
            return `user:${ctx.identity.id}`;
          },
        },
        onTokenIssued: (event: { identity: unknown }) => {
          seen.onTokenIssued = event.identity;
        },
      });
      expect((await app.post({}, { authorization: "Bearer 8" })).status).toBe(401);
      const res = await app.post({}, { authorization: "Bearer 7" });
      expect(res.status).toBe(200);
      for (const name of [
        "expiresIn",
        "allowedModels",
        "allowedOrigins",
        "constraints",
        "rateLimitKey",
        "onTokenIssued",
      ]) {
        expect(seen[name], name).toEqual(user);
      }
      expect(t.emulator.issued.at(-1)?.options).toEqual({
        expiresIn: 300,
        allowedModels: ["mirage_v2"],
        constraints: { realtime: { maxSessionDuration: 60 } },
        metadata: { userId: "user-7" },
      });
    });
  });
}
