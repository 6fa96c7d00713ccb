import { describe, expect, it } from "vitest";
import type { AppFactory } from "../support/apps";
import type { Suite } from "../support/harness";

const MODELS = ["mirage_v2", "lucy_v2v_720p_rt"];

export function clientBodyBehaviours(factory: AppFactory, t: Suite): void {
  describe("the client body can only narrow the policy", () => {
    it("answers 403 model_not_allowed for a model outside allowedModels, without calling Decart", async () => {
      const app = await t.app({ allowedModels: MODELS });
      const before = t.emulator.tokenRequests;
      const res = await app.post({ model: "some_other_model" });
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({ code: "model_not_allowed", retryable: false });
      expect(t.emulator.tokenRequests).toBe(before);
    });

    it("scopes the token to the one model the client asked for", async () => {
      const app = await t.app({ allowedModels: MODELS });
      const res = await app.post({ model: "lucy_v2v_720p_rt" });
      expect(res.status).toBe(200);
      expect(res.json.model).toBe("lucy_v2v_720p_rt");
      expect(res.json.permissions).toEqual({ models: ["lucy_v2v_720p_rt"] });
      expect(t.emulator.issued.at(-1)?.options.allowedModels).toEqual(["lucy_v2v_720p_rt"]);
    });

    it("clamps an expiresIn above the policy's instead of refusing it, and honours a shorter one", async () => {
      const app = await t.app({ expiresIn: 120 });
      expect((await app.post({ expiresIn: 3000 })).status).toBe(200);
      expect(t.emulator.issued.at(-1)?.options.expiresIn).toBe(120);
      expect((await app.post({ expiresIn: 30 })).status).toBe(200);
      expect(t.emulator.issued.at(-1)?.options.expiresIn).toBe(30);
    });

    it("answers 400 invalid_request naming an unknown field or a bad value", async () => {
      const app = await t.app();
      const unknown = await app.post({ model: "mirage_v2", allowedModels: ["x"] });
      expect(unknown.status).toBe(400);
      expect(unknown.json.error.code).toBe("invalid_request");
      expect(unknown.json.error.message).toContain('"allowedModels"');
      const badExpiry = await app.post({ expiresIn: 1.5 });
      expect(badExpiry.status).toBe(400);
      expect(badExpiry.json.error.message).toContain('"expiresIn"');
      expect((await app.post([1, 2])).status).toBe(400);
    });

    it("takes metadata from the server only: a client cannot set or override it", async () => {
      const app = await t.app({ metadata: { tier: "free" } });
      const before = t.emulator.tokenRequests;
      const res = await app.post({ metadata: { tier: "enterprise" } });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toContain('"metadata"');
      expect(t.emulator.tokenRequests).toBe(before);
      expect((await app.post({})).status).toBe(200);
      expect(t.emulator.issued.at(-1)?.options.metadata).toEqual({ tier: "free" });
    });
  });

  describe("HTTP hygiene", () => {
    it.skipIf(!factory.seesEveryMethod)("answers 405 method_not_allowed with Allow for anything but POST", async () => {
      const app = await t.app();
      for (const method of ["GET", "PUT", "DELETE"]) {
        const res = await app.send(method);
        expect(res.status, method).toBe(405);
        expect(res.json.error.code).toBe("method_not_allowed");
        expect(res.headers.get("allow")).toBe("POST");
      }
    });

    it("answers 415 unsupported_media_type for a body that is not JSON", async () => {
      const app = await t.app();
      const res = await app.send("POST", { headers: { "content-type": "text/plain" }, body: '{"model":"x"}' });
      expect(res.status).toBe(415);
      expect(res.json.error.code).toBe("unsupported_media_type");
      const form = await app.send("POST", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "a=1",
      });
      expect(form.status).toBe(415);
    });

    it("answers 413 payload_too_large over 16 KiB, announced or chunked", async () => {
      const app = await t.app();
      const big = JSON.stringify({ model: "m".repeat(17 * 1024) });
      const announced = await app.send("POST", { headers: { "content-type": "application/json" }, body: big });
      expect(announced.status).toBe(413);
      expect(announced.json.error.code).toBe("payload_too_large");
      const chunked = await app.raw({
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
        chunks: [big.slice(0, 9000), big.slice(9000)],
      });
      expect(chunked.status).toBe(413);
      expect(chunked.json.error.code).toBe("payload_too_large");
    });

    it.skipIf(!factory.answersBodyParserErrors)("answers 400 invalid_request for malformed JSON", async () => {
      const app = await t.app();
      const res = await app.send("POST", { headers: { "content-type": "application/json" }, body: '{"model": ' });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
    });

    it("leaves other paths under its mount to the rest of the app", async () => {
      const app = await t.app();
      const res = await fetch(`${app.url}/nested`, { method: "POST" });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ notFound: true });
    });
  });
}
