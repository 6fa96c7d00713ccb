import { type Emulator, startEmulator } from "@decart-kit/emulator";
import { bodyParser as koaBodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import type Koa from "koa";
import legacyBodyParser from "koa-bodyparser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTokenRoute, type KoaTokenRouteOptions, type TokenIssuedEvent } from "../src/index";
import { KOA_MAJORS, serve } from "./support/serve";

// What only Koa has: the `path` option and next(), @koa/router, Koa's body parsers, ctx.ip under app.proxy and
// Koa's own error handler. The behaviours every adapter shares run in packages/conformance.

const PATH = "/api/realtime-token";
const KEY = "sk_test_koa_specific";
const BODY_PARSERS = [
  { name: "koa-bodyparser", create: () => legacyBodyParser() },
  { name: "@koa/bodyparser", create: () => koaBodyParser() },
];

let emulator: Emulator;
const closers: Array<() => Promise<void>> = [];
beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [KEY] });
});
afterAll(() => emulator.close());
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function policy<Identity = unknown>(extra: KoaTokenRouteOptions<Identity> = {}): KoaTokenRouteOptions<Identity> {
  return { apiKey: KEY, baseUrl: emulator.url, logger: false, rateLimit: false, ...extra };
}

async function start(app: Koa): Promise<string> {
  const server = await serve(app);
  closers.push(server.close);
  return server.origin;
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

it("refuses a path that cannot match at creation, naming the option", () => {
  expect(() => createTokenRoute(policy({ path: "api/realtime-token" }))).toThrow(
    /path: expected a path starting with "\/", got "api\/realtime-token"/,
  );
});

for (const { name, Koa } of KOA_MAJORS) {
  describe(name, () => {
    it("answers its path and calls next() for every other path", async () => {
      const app = new Koa();
      app.use(createTokenRoute(policy({ path: PATH })));
      app.use((ctx) => {
        ctx.body = { rest: ctx.path };
      });
      const origin = await start(app);
      const token = await postJson(`${origin}${PATH}`, {});
      expect(token.status).toBe(200);
      expect((await token.json()).apiKey).toMatch(/^ek_/);
      for (const path of ["/", `${PATH}/nested`, "/api/realtime-tokens"]) {
        const other = await fetch(`${origin}${path}`, { method: "POST" });
        expect(await other.json(), path).toEqual({ rest: path });
      }
    });

    it("works as a @koa/router route (post or all) next to the app's other routes, with the Koa ctx as ctx.request", async () => {
      const app = new Koa();
      const router = new Router();
      router.get("/health", (ctx) => {
        ctx.body = { ok: true };
      });
      const route = createTokenRoute<string>(
        policy({
          authorize: ({ request }) => (request as Koa.Context).state.user,
          metadata: ({ identity }) => ({ identity }),
        }),
      );
      router.post(PATH, route);
      router.all("/all-methods", route);
      app.use(async (ctx, next) => {
        ctx.state.user = ctx.get("x-user") || undefined;
        await next();
      });
      app.use(router.routes()).use(router.allowedMethods());
      const origin = await start(app);
      expect((await postJson(`${origin}${PATH}`, {})).status).toBe(401);
      const res = await postJson(`${origin}${PATH}`, { model: "mirage_v2" }, { "x-user": "ann" });
      expect(res.status).toBe(200);
      expect((await res.json()).model).toBe("mirage_v2");
      expect(emulator.issued.at(-1)?.options).toMatchObject({
        allowedModels: ["mirage_v2"],
        metadata: { identity: "ann" },
      });
      expect(await (await fetch(`${origin}/health`)).json()).toEqual({ ok: true });
      // Under router.all the route also answers the other methods itself, as JSON.
      const get = await fetch(`${origin}/all-methods`);
      expect(get.status).toBe(405);
      expect((await get.json()).error.code).toBe("method_not_allowed");
    });

    for (const parser of BODY_PARSERS) {
      it(`works after ${parser.name}, answering its refusals with the route's JSON errors`, async () => {
        const app = new Koa();
        app.use(parser.create());
        app.use(createTokenRoute(policy({ path: PATH, expiresIn: 120 })));
        const url = `${await start(app)}${PATH}`;
        const res = await postJson(url, { model: "lucy_v2v_720p_rt", expiresIn: 30 });
        expect(res.status).toBe(200);
        expect(emulator.issued.at(-1)?.options).toEqual({ expiresIn: 30, allowedModels: ["lucy_v2v_720p_rt"] });
        const refusals = [
          { init: { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1" }, status: 415 },
          { init: { headers: { "content-type": "application/json" }, body: '{"extra":1}' }, status: 400 },
          {
            init: {
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ model: "m".repeat(17_000) }),
            },
            status: 413,
          },
        ];
        for (const { init, status } of refusals) {
          const refused = await fetch(url, { method: "POST", ...init });
          expect(refused.status).toBe(status);
          expect(refused.headers.get("content-type")).toBe("application/json; charset=utf-8");
          expect((await refused.json()).error.code).toEqual(expect.any(String));
        }
      });
    }

    it("takes the client IP from ctx.ip: X-Forwarded-For only when app.proxy is on", async () => {
      const ips: Array<string | undefined> = [];
      for (const proxy of [true, false]) {
        const app = new Koa({ proxy });
        app.use(
          createTokenRoute(policy({ path: PATH, onTokenIssued: (event: TokenIssuedEvent) => void ips.push(event.ip) })),
        );
        const res = await postJson(`${await start(app)}${PATH}`, {}, { "x-forwarded-for": "203.0.113.9" });
        expect(res.status).toBe(200);
      }
      expect(ips[0]).toBe("203.0.113.9");
      expect(ips[1]).toMatch(/127\.0\.0\.1$/);
    });

    it("never hands an error to Koa's error handler: every refusal is the route's JSON", async () => {
      const app = new Koa();
      const koaErrors: unknown[] = [];
      app.on("error", (error) => koaErrors.push(error));
      app.use(
        createTokenRoute(
          policy({
            path: PATH,
            authorize: () => {
              throw new Error("session store down");
            },
          }),
        ),
      );
      const url = `${await start(app)}${PATH}`;
      for (const [method, status] of [
        ["POST", 500],
        ["GET", 405],
        ["DELETE", 405],
      ] as const) {
        const res = await fetch(url, { method, headers: { "content-type": "application/json" } });
        expect(res.status, method).toBe(status);
        expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
        expect(await res.text()).not.toContain("session store down");
      }
      expect(koaErrors).toEqual([]);
    });
  });
}
