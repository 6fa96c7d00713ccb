import { clientIp, createFetchHandler, type FetchHandlerOptions, type TokenIssuedEvent } from "@decart-kit/core";
import { type Emulator, startEmulator } from "@decart-kit/emulator";
import { createAdaptorServer, type HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Listening, listen } from "../../../test-support/listen";

// What only the Fetch handler has: being a Next.js route module's export, living inside a Hono app, and taking the
// client IP from `getIp`. The behaviours every adapter shares run in fetch.test.ts over real HTTP.

const KEY = "sk_test_fetch_specific";
const APP = "https://app.example.com";

let emulator: Emulator;
const servers: Listening[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [KEY] });
});
afterAll(() => emulator.close());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const upstream = () => ({ apiKey: KEY, baseUrl: emulator.url, logger: false, rateLimit: false }) as const;

describe("as a Next.js App Router route handler (app/api/realtime-token/route.ts)", () => {
  // What the route module would export; Next calls POST(request, { params }) with a real Request.
  function routeModule(extra: FetchHandlerOptions<string> = {}) {
    const handler = createFetchHandler({
      ...upstream(),
      authorize: ({ request }) => request.headers.get("cookie")?.match(/session=(\w+)/)?.[1] ?? null,
      allowedOrigins: [APP],
      metadata: ({ identity }) => ({ user: identity }),
      getIp: clientIp.vercel,
      ...extra,
    });
    return { POST: handler, OPTIONS: handler };
  }
  const nextContext = { params: Promise.resolve({}) };
  const request = (method: string, headers: Record<string, string>, body?: unknown) =>
    new Request("http://localhost:3000/api/realtime-token", {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("mints a token for a signed-in user, scoped to the origin, with identity and IP from the Request", async () => {
    const events: TokenIssuedEvent[] = [];
    const { POST } = routeModule({ onTokenIssued: (event) => void events.push(event) });
    const headers = { cookie: "session=ann", origin: APP, "x-real-ip": "198.51.100.7", "x-forwarded-for": "6.6.6.6" };
    const res = await POST(request("POST", headers, { model: "mirage_v2" }), nextContext);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    const body = await res.json();
    expect(body).toMatchObject({ apiKey: expect.stringMatching(/^ek_/), model: "mirage_v2" });
    expect(emulator.issued.at(-1)?.options).toMatchObject({ allowedOrigins: [APP], metadata: { user: "ann" } });
    expect(events[0]).toMatchObject({ identity: "ann", ip: "198.51.100.7", origin: APP });
  });

  it("answers 401 without a session and the OPTIONS export's preflight for the listed origin only", async () => {
    const { POST, OPTIONS } = routeModule();
    const refused = await POST(request("POST", { origin: APP }, {}), nextContext);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("unauthorized");
    const preflight = { origin: APP, "access-control-request-method": "POST" };
    const ok = await OPTIONS(request("OPTIONS", preflight), nextContext);
    expect(ok.status).toBe(204);
    expect(ok.body).toBeNull();
    expect(ok.headers.get("access-control-allow-origin")).toBe(APP);
    const evil = await OPTIONS(request("OPTIONS", { ...preflight, origin: "https://evil.example" }), nextContext);
    expect(evil.status).toBe(403);
  });

  it("validates getIp at creation and turns a throwing getIp into a JSON 500", async () => {
    expect(() => createFetchHandler({ ...upstream(), getIp: "x-forwarded-for" as never })).toThrow(
      /getIp: expected a function .*, got "x-forwarded-for"/,
    );
    const { POST } = routeModule({
      getIp: () => {
        throw new Error("no socket");
      },
    });
    const res = await POST(request("POST", { cookie: "session=ann" }, {}), nextContext);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: "internal_error" } });
  });
});

describe("inside a Hono app on @hono/node-server", () => {
  it("serves the token route next to the app's routes, the IP read from the Node socket", async () => {
    const ips: Array<string | undefined> = [];
    const handler = createFetchHandler({
      ...upstream(),
      getIp: (_request, env: HttpBindings) => env.incoming.socket.remoteAddress,
      onTokenIssued: (event) => void ips.push(event.ip),
    });
    const app = new Hono<{ Bindings: HttpBindings }>();
    app.get("/health", (c) => c.json({ ok: true }));
    app.all("/api/realtime-token", (c) => handler(c.req.raw, c.env));
    const server = await listen(createAdaptorServer({ fetch: app.fetch }) as never);
    servers.push(server);
    const res = await fetch(`${server.origin}/api/realtime-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ expiresIn: 30 }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).apiKey).toMatch(/^ek_/);
    expect(emulator.issued.at(-1)?.options.expiresIn).toBe(30);
    expect(ips).toEqual([expect.stringMatching(/127\.0\.0\.1$/)]);
    const get = await fetch(`${server.origin}/api/realtime-token`);
    expect(get.status).toBe(405);
    expect((await get.json()).error.code).toBe("method_not_allowed");
    expect(await (await fetch(`${server.origin}/health`)).json()).toEqual({ ok: true });
  });
});
