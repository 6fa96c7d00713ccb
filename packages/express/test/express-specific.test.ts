import type { AddressInfo } from "node:net";
import { type Emulator, startEmulator } from "@decart-kit/emulator";
import express5, { type ErrorRequestHandler, type Express } from "express";
import express4 from "express4";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTokenRoute, type ExpressTokenPolicy } from "../src/index";

// What only Express has: body parsers that fail into error handlers, and parsers that hand over bytes. The
// behaviours every adapter shares run in packages/conformance.

const PATH = "/api/realtime-token";
const KEY = "sk_test_express_specific";
const MAJORS = [
  { name: "Express 5", express: express5 },
  { name: "Express 4", express: express4 as typeof express5 },
];

let emulator: Emulator;
const closers: Array<() => void> = [];
beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [KEY] });
});
afterAll(() => emulator.close());
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

const policy = (): ExpressTokenPolicy => ({ apiKey: KEY, baseUrl: emulator.url, logger: false, rateLimit: false });

async function start(app: Express): Promise<string> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
}

const post = (url: string, body: string, contentType = "application/json") =>
  fetch(url, { method: "POST", headers: { "content-type": contentType }, body });

for (const { name, express } of MAJORS) {
  describe(name, () => {
    it("answers express.json()'s own refusals (its size limit, malformed JSON) with the route's JSON errors", async () => {
      const app = express();
      app.use(express.json({ limit: "1kb" }));
      app.use(PATH, createTokenRoute(policy()));
      const url = await start(app);
      const tooLarge = await post(url, JSON.stringify({ model: "m".repeat(2000) }));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers.get("cache-control")).toBe("no-store");
      expect((await tooLarge.json()).error.code).toBe("payload_too_large");
      const malformed = await post(url, '{"model": ');
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).error.code).toBe("invalid_request");
    });

    it("reads the bytes express.raw() kept, and leaves errors that are not a parser's to the app", async () => {
      const app = express();
      app.use(express.raw({ type: "application/json" }));
      app.use((req, _res, next) => next(req.get("x-fail") ? new Error("session store down") : undefined));
      app.use(PATH, createTokenRoute(policy()));
      const appErrors: string[] = [];
      const appErrorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
        appErrors.push(error.message);
        res.status(503).json({ appHandled: true });
      };
      app.use(appErrorHandler);
      const url = await start(app);
      const res = await post(url, JSON.stringify({ model: "mirage_v2", expiresIn: 20 }));
      expect(res.status).toBe(200);
      expect(emulator.issued.at(-1)?.options).toEqual({ expiresIn: 20, allowedModels: ["mirage_v2"] });
      const failed = await fetch(url, { method: "POST", headers: { "x-fail": "1" } });
      expect(failed.status).toBe(503);
      expect(await failed.json()).toEqual({ appHandled: true });
      expect(appErrors).toEqual(["session store down"]);
    });
  });
}
