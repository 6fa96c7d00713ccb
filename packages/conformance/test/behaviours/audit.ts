import { createHash } from "node:crypto";
import type { TokenIssuedEvent } from "@decart-kit/core";
import { describe, expect, it } from "vitest";
import type { AppFactory } from "../support/apps";
import { PERMANENT_KEY, type Suite } from "../support/harness";

export function auditBehaviours(_factory: AppFactory, t: Suite): void {
  describe("onTokenIssued", () => {
    it("receives identity, granted options, expiry and a hash of the token, and no secret", async () => {
      const events: TokenIssuedEvent[] = [];
      const app = await t.app({
        authorize: () => "user-42",
        allowedModels: ["mirage_v2"],
        metadata: { plan: "pro" },
        expiresIn: 90,
        onTokenIssued: (event: TokenIssuedEvent) => {
          events.push(event);
        },
      });
      const res = await app.post({ model: "mirage_v2" });
      expect(res.status).toBe(200);
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event).toMatchObject({
        identity: "user-42",
        model: "mirage_v2",
        granted: { expiresIn: 90, allowedModels: ["mirage_v2"], metadata: { plan: "pro" } },
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
}
