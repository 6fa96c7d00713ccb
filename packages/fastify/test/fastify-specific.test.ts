import { Writable } from "node:stream";
import { type Emulator, startEmulator } from "@decart-kit/emulator";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decartTokenRoute, type FastifyTokenRouteOptions, type TokenIssuedEvent } from "../src/index";
import { FASTIFY_MAJORS, serve } from "./support/fastify";

// What only Fastify has: register() with prefix and encapsulation, its own body parsing, request.log and trustProxy.
// The behaviours every adapter shares run in packages/conformance.

const PATH = "/api/realtime-token";
const KEY = "sk_test_fastify_specific";

declare module "fastify" {
  interface FastifyRequest {
    user: string | null;
  }
}

let emulator: Emulator;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [KEY] });
});
afterAll(() => emulator.close());
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

function policy(extra: FastifyTokenRouteOptions = {}): FastifyTokenRouteOptions {
  return { apiKey: KEY, baseUrl: emulator.url, logger: false, rateLimit: false, ...extra };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const sendRaw = (url: string, contentType: string, body: string) =>
  fetch(url, { method: "POST", headers: { "content-type": contentType }, body });

for (const { name, fastify } of FASTIFY_MAJORS) {
  describe(name, () => {
    const start = async (app: FastifyInstance) => {
      apps.push(app);
      return serve(app);
    };

    it("rejects register() with a TokenPolicyError naming a bad path or policy option", async () => {
      const badPath = fastify().register(decartTokenRoute, policy({ path: "api/realtime-token" }));
      await expect(badPath.ready()).rejects.toThrow(
        /path: expected a path starting with "\/", got "api\/realtime-token"/,
      );
      const badPolicy = fastify().register(decartTokenRoute, policy({ expiresIn: 0 }));
      await expect(badPolicy.ready()).rejects.toThrow(/expiresIn/);
    });

    it("answers under prefix, path, prefix + path and a prefixed parent plugin, each with its own policy", async () => {
      const app = fastify();
      await app.register(decartTokenRoute, { ...policy({ allowedModels: ["mirage_v2"] }), prefix: "/a" });
      await app.register(decartTokenRoute, policy({ path: "/b", allowedModels: ["lucy_v2v_720p_rt"] }));
      await app.register(decartTokenRoute, { ...policy({ path: "/token" }), prefix: "/c" });
      await app.register(async (api) => api.register(decartTokenRoute, policy({ path: "/token" })), { prefix: "/d" });
      const origin = await start(app);
      expect(app.hasPlugin("@decart-kit/fastify")).toBe(true);
      for (const path of ["/a", "/a/", "/b", "/c/token", "/d/token"]) {
        expect((await post(`${origin}${path}`, {})).status, path).toBe(200);
      }
      expect((await post(`${origin}/a`, { model: "lucy_v2v_720p_rt" })).status).toBe(403);
      expect((await post(`${origin}/b`, { model: "lucy_v2v_720p_rt" })).status).toBe(200);
      for (const path of ["/", "/c", "/d", "/a/b"]) expect((await post(`${origin}${path}`, {})).status, path).toBe(404);
    });

    it("leaves the app's other routes alone: their body limit, body parsing errors and error handler", async () => {
      const app = fastify();
      app.setErrorHandler((error: Error, _request, reply) => reply.code(418).send({ appHandled: error.message }));
      app.addHook("onRequest", async (request) => {
        if (request.headers["x-fail"]) throw new Error("hook failed");
      });
      app.post("/echo", async (request) => ({ echoed: request.body }));
      await app.register(decartTokenRoute, policy({ path: PATH }));
      const origin = await start(app);
      // 20 KiB: over the token route's 16 KiB, well under Fastify's default 1 MiB.
      const big = { text: "x".repeat(20 * 1024) };
      expect(await (await post(`${origin}/echo`, big)).json()).toEqual({ echoed: big });
      expect((await post(`${origin}${PATH}`, big)).status).toBe(413);
      const malformed = await sendRaw(`${origin}/echo`, "application/json", '{"a": ');
      expect(malformed.status).toBe(418);
      // An error that is not a body the route refused goes to the app's handler, on the route too.
      const failed = await post(`${origin}${PATH}`, {}, { "x-fail": "1" });
      expect(failed.status).toBe(418);
      expect(await failed.json()).toEqual({ appHandled: "hook failed" });
    });

    it("hands policy functions the FastifyRequest, decorated by the app's own hooks", async () => {
      const app = fastify();
      app.decorateRequest("user", null);
      app.addHook("onRequest", async (request) => {
        request.user = (request.headers["x-user"] as string | undefined) ?? null;
      });
      // Declared with its identity type, the options check what policy functions do with it.
      const options: FastifyTokenRouteOptions<string> = {
        ...policy({ path: PATH }),
        authorize: ({ request }) => request.user,
        metadata: ({ request, identity }) => ({ identity: identity?.toLowerCase(), route: request.routeOptions.url }),
      };
      await app.register(decartTokenRoute, options);
      const url = `${await start(app)}${PATH}`;
      expect((await post(url, {})).status).toBe(401);
      expect((await post(url, {}, { "x-user": "Ann" })).status).toBe(200);
      expect(emulator.issued.at(-1)?.options.metadata).toEqual({ identity: "ann", route: PATH });
    });

    it("maps what Fastify's JSON parser refuses to the route's JSON errors, and takes an empty JSON body as {}", async () => {
      const app = fastify();
      await app.register(decartTokenRoute, policy({ path: PATH }));
      const url = `${await start(app)}${PATH}`;
      const cases = [
        { contentType: "application/json", body: "", status: 200, code: undefined },
        {
          contentType: "application/json",
          body: '{"__proto__": {"admin": true}}',
          status: 400,
          code: "invalid_request",
        },
        { contentType: "application/json", body: "{'model': 1}", status: 400, code: "invalid_request" },
        {
          contentType: "application/x-www-form-urlencoded",
          body: "model=x",
          status: 415,
          code: "unsupported_media_type",
        },
        { contentType: "application/vnd.api+json", body: "{}", status: 415, code: "unsupported_media_type" },
      ];
      for (const { contentType, body, status, code } of cases) {
        const res = await sendRaw(url, contentType, body);
        expect(res.status, `${contentType} ${body}`).toBe(status);
        expect(res.headers.get("cache-control")).toBe("no-store");
        expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
        const json = await res.json();
        if (code) expect(json.error.code).toBe(code);
        else expect(json.apiKey).toMatch(/^ek_/);
      }
    });

    it("logs through request.log by default (Fastify's level and request id), scrubbed of the key", async () => {
      const lines: Array<Record<string, unknown>> = [];
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      });
      const app = fastify({ logger: { level: "debug", stream } });
      const failing = { logger: undefined, path: "/failing", authorize: () => Promise.reject(new Error(`no ${KEY}`)) };
      await app.register(decartTokenRoute, policy({ path: PATH, logger: undefined }));
      await app.register(decartTokenRoute, policy(failing));
      await app.register(decartTokenRoute, policy({ path: "/silent" }));
      const origin = await start(app);
      expect((await post(`${origin}${PATH}`, {})).status).toBe(200);
      expect((await post(`${origin}${PATH}`, { extra: 1 })).status).toBe(400);
      expect((await post(`${origin}/failing`, {})).status).toBe(500);
      expect((await post(`${origin}/silent`, { extra: 1 })).status).toBe(400);
      const ours = lines.filter((line) => String(line.msg).match(/token|threw/));
      expect(ours.map(({ level, msg }) => [level, msg])).toEqual([
        [30, "token issued"],
        [30, "token refused"],
        [50, "authorize threw"],
        [40, "token refused"],
      ]);
      expect(ours[0]).toMatchObject({ reqId: expect.anything(), tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(ours[1]).toMatchObject({ code: "invalid_request", status: 400 });
      expect(JSON.stringify(ours[2])).toContain("[redacted]");
      expect(JSON.stringify(lines)).not.toContain(KEY);
    });

    it("takes the client IP from request.ip: X-Forwarded-For only under trustProxy", async () => {
      const ips: Array<string | undefined> = [];
      for (const trustProxy of [true, false]) {
        const app = fastify({ trustProxy });
        const onTokenIssued = (event: TokenIssuedEvent) => void ips.push(event.ip);
        await app.register(decartTokenRoute, policy({ path: PATH, onTokenIssued }));
        const res = await post(`${await start(app)}${PATH}`, {}, { "x-forwarded-for": "203.0.113.9" });
        expect(res.status).toBe(200);
      }
      expect(ips).toEqual(["203.0.113.9", "127.0.0.1"]);
    });
  });
}
