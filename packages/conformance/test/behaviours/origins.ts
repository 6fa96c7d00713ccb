import { describe, expect, it } from "vitest";
import type { AppFactory } from "../support/apps";
import type { Suite } from "../support/harness";

const APP_ORIGIN = "https://app.example.com";
const ORIGINS = [APP_ORIGIN, "http://localhost:5173"];

export function originBehaviours(factory: AppFactory, t: Suite): void {
  describe("origins: one list for the request and the token", () => {
    it("answers 403 origin_not_allowed for an unlisted Origin, without calling Decart", async () => {
      const app = await t.app({ allowedOrigins: ORIGINS });
      const before = t.emulator.tokenRequests;
      const res = await app.post({}, { origin: "https://evil.example" });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("origin_not_allowed");
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(t.emulator.tokenRequests).toBe(before);
    });

    it("gives a listed origin a token scoped to the list, with CORS headers for that origin only", async () => {
      const app = await t.app({ allowedOrigins: ORIGINS });
      const res = await app.post({}, { origin: APP_ORIGIN, "sec-fetch-site": "cross-site" });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
      expect(res.headers.get("vary")).toContain("Origin");
      expect(res.json.permissions).toEqual({ origins: ORIGINS });
      expect(t.emulator.issued.at(-1)?.options.allowedOrigins).toEqual(ORIGINS);
    });

    it("checks the Origin against a list computed per request", async () => {
      const app = await t.app({
        authorize: () => ({ id: "team-a" }),
        allowedOrigins: (ctx: { identity: { id: string } }) => [`https://${ctx.identity.id}.example.com`],
      });
      expect((await app.post({}, { origin: "https://team-b.example.com" })).status).toBe(403);
      const res = await app.post({}, { origin: "https://team-a.example.com" });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe("https://team-a.example.com");
      expect(t.emulator.issued.at(-1)?.options.allowedOrigins).toEqual(["https://team-a.example.com"]);
    });

    it.skipIf(!factory.seesEveryMethod)(
      "answers CORS preflights for listed origins only, echoing the origin (never *)",
      async () => {
        const app = await t.app({ allowedOrigins: ORIGINS });
        const preflight = {
          origin: APP_ORIGIN,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type, authorization",
        };
        const ok = await app.send("OPTIONS", { headers: preflight });
        expect(ok.status).toBe(204);
        expect(ok.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
        expect(ok.headers.get("access-control-allow-methods")).toBe("POST");
        expect(ok.headers.get("access-control-allow-headers")).toBe("content-type, authorization");
        expect(ok.headers.get("vary")).toContain("Origin");
        const refused = await app.send("OPTIONS", { headers: { ...preflight, origin: "https://evil.example" } });
        expect(refused.status).toBe(403);
        expect(refused.headers.get("access-control-allow-origin")).toBeNull();
        expect(refused.json.error.code).toBe("origin_not_allowed");
      },
    );

    it.skipIf(!factory.seesEveryMethod)("does not answer preflights at all without allowedOrigins", async () => {
      const app = await t.app();
      const res = await app.send("OPTIONS", {
        headers: { origin: APP_ORIGIN, "access-control-request-method": "POST" },
      });
      expect(res.status).toBe(405);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    });

    it("refuses cross-site browser requests without allowedOrigins, and allows same-origin ones", async () => {
      const app = await t.app();
      const before = t.emulator.tokenRequests;
      const crossSite = await app.post({}, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
      expect(crossSite.status).toBe(403);
      expect(crossSite.json.error.code).toBe("origin_not_allowed");
      expect(t.emulator.tokenRequests).toBe(before);
      expect((await app.post({}, { origin: APP_ORIGIN, "sec-fetch-site": "same-origin" })).status).toBe(200);
    });
  });
}
