import { describe, expect, it } from "vitest";
import type { AppFactory } from "../support/apps";
import type { Suite } from "../support/harness";

const OTHER = "https://evil.example";

export function crossSiteBehaviours(_factory: AppFactory, t: Suite): void {
  describe("cross-site minting without allowedOrigins: same origin only", () => {
    it.each([
      ["a foreign Origin without Fetch Metadata (plain http, older browsers)", { origin: OTHER }],
      ["Origin: null (sandboxed frames, data: pages)", { origin: "null" }],
      [
        "a sibling subdomain (Sec-Fetch-Site: same-site)",
        { origin: "https://a.example.com", "sec-fetch-site": "same-site" },
      ],
      ["Sec-Fetch-Site: cross-site", { origin: OTHER, "sec-fetch-site": "cross-site" }],
    ])("refuses %s with 403 origin_not_allowed, without calling Decart", async (_name, headers) => {
      const app = await t.app();
      const before = t.emulator.tokenRequests;
      const res = await app.post({}, headers);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("origin_not_allowed");
      expect(t.emulator.tokenRequests).toBe(before);
    });

    it("accepts same-origin requests: Fetch Metadata same-origin or none, or an Origin equal to its own", async () => {
      const app = await t.app();
      const own = new URL(app.url).origin;
      expect((await app.post({}, { origin: OTHER, "sec-fetch-site": "same-origin" })).status).toBe(200);
      expect((await app.post({}, { "sec-fetch-site": "none" })).status).toBe(200);
      expect((await app.post({}, { origin: own })).status).toBe(200);
      // Neither header: a server-to-server call, which has no visitor's cookies to abuse.
      expect((await app.post({})).status).toBe(200);
    });

    it("answers 415 for a POST without a JSON Content-Type, even with an empty body", async () => {
      const app = await t.app();
      const before = t.emulator.tokenRequests;
      const refused: Record<string, string>[] = [
        {},
        { "content-type": "text/plain" },
        { "content-type": "multipart/form-data; b=x" },
      ];
      for (const headers of refused) {
        const res = await app.send("POST", { headers });
        expect(res.status, JSON.stringify(headers)).toBe(415);
        expect(res.json.error.code).toBe("unsupported_media_type");
      }
      expect(t.emulator.tokenRequests).toBe(before);
    });

    it("lets a listed origin read Retry-After (Access-Control-Expose-Headers)", async () => {
      const origin = "https://app.example.com";
      const app = await t.app({ allowedOrigins: [origin], rateLimit: { points: 1 } });
      expect((await app.post({}, { origin })).headers.get("access-control-expose-headers")).toContain("Retry-After");
      const limited = await app.post({}, { origin });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).not.toBeNull();
      expect(limited.headers.get("access-control-expose-headers")).toContain("Retry-After");
    });
  });
}
