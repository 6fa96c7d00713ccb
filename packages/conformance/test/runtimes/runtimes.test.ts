import { randomBytes } from "node:crypto";
import { type Emulator, startEmulator } from "@decart-kit/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHost, startEdgeRuntime, startWorkerd } from "./hosts";

// The built @decart-kit/core inside workerd and edge-runtime, minting through the emulator over loopback: the
// route's behaviours that make sense there. Needs `pnpm build` first (the full test run builds before testing).
const PERMANENT_KEY = `sk_test_${randomBytes(12).toString("hex")}`;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON fields.
  json: any;
}

describe.each([
  ["workerd (miniflare)", startWorkerd, "Cloudflare-Workers"],
  ["edge-runtime", startEdgeRuntime, "edge-runtime"],
])("the Fetch handler in %s", (_name, start, runtimeName) => {
  let emulator: Emulator;
  let host: RuntimeHost;
  const answers: Answer[] = [];

  async function send(path: string, init: RequestInit = {}): Promise<Answer> {
    const response = await fetch(`${host.url}${path}`, init);
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {}
    const answer = { status: response.status, headers: response.headers, text, json };
    answers.push(answer);
    return answer;
  }
  const post = (path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    send(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    emulator = await startEmulator({ apiKeys: [PERMANENT_KEY] });
    host = await start({ BASE_URL: emulator.url, API_KEY: PERMANENT_KEY });
  }, 60_000);
  afterAll(async () => {
    await host?.close();
    await emulator?.close();
  });
  afterEach(() => {
    for (const answer of answers.splice(0)) {
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(answer.text).not.toContain(PERMANENT_KEY);
      for (const [, value] of answer.headers) expect(value).not.toContain(PERMANENT_KEY);
    }
  });

  it("mints a token through the runtime's fetch: 200, an ek_ key the emulator issued", async () => {
    expect((await send("/recorded")).json.runtime).toBe(runtimeName);
    const before = emulator.issued.length;
    const answer = await post("/open", { expiresIn: 30 });
    expect(answer.status).toBe(200);
    expect(answer.json.apiKey).toMatch(/^ek_/);
    expect(emulator.issued.at(-1)?.apiKey).toBe(answer.json.apiKey);
    expect(emulator.issued.length).toBe(before + 1);
    expect(emulator.issued.at(-1)?.options).toMatchObject({ expiresIn: 30 });
  });

  it("answers methods, media types and bodies with the protocol's errors", async () => {
    const get = await send("/open");
    expect([get.status, get.json.error.code, get.headers.get("allow")]).toEqual([405, "method_not_allowed", "POST"]);
    const text = await send("/open", { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" });
    expect([text.status, text.json.error.code]).toEqual([415, "unsupported_media_type"]);
    const big = await post("/open", { model: "x".repeat(20_000) });
    expect([big.status, big.json.error.code]).toEqual([413, "payload_too_large"]);
    const invalid = await post("/open", { expiresIn: "soon" });
    expect([invalid.status, invalid.json.error.code]).toEqual([400, "invalid_request"]);
    expect(invalid.json.error.message).toContain("expiresIn");
  });

  it("checks the Origin against allowedOrigins and answers preflights for listed ones only", async () => {
    const foreign = await post("/origins", {}, { origin: "https://evil.example" });
    expect([foreign.status, foreign.json.error.code]).toEqual([403, "origin_not_allowed"]);
    const listed = await post("/origins", {}, { origin: "https://app.example" });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("access-control-allow-origin")).toBe("https://app.example");
    const preflight = await send("/origins", {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(emulator.issued.at(-1)?.options.allowedOrigins).toEqual(["https://app.example"]);
  });

  it("authorizes, narrows models, and reports every issue and refusal to the hooks", async () => {
    const anonymous = await post("/auth");
    expect([anonymous.status, anonymous.json.error.code]).toEqual([401, "unauthorized"]);
    const other = await post(
      "/auth",
      { model: "lucy-2.5" },
      { authorization: "Bearer ada", "x-client-ip": "10.0.0.7" },
    );
    expect([other.status, other.json.error.code]).toEqual([403, "model_not_allowed"]);
    const granted = await post("/auth", { model: "lucy-2.1" }, { authorization: "Bearer ada" });
    expect([granted.status, granted.json.model]).toEqual([200, "lucy-2.1"]);
    const recorded = (await send("/recorded")).json;
    expect(recorded.issued.at(-1)).toMatchObject({
      identity: "ada",
      tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(recorded.denied).toContainEqual({
      code: "model_not_allowed",
      status: 403,
      identity: "ada",
      ip: "10.0.0.7",
      origin: undefined,
      model: "lucy-2.5",
    });
    expect(recorded.denied.map((event: { code: string }) => event.code)).toContain("unauthorized");
  });

  it("rate-limits per client in the isolate's memory: the third token in a minute is 429", async () => {
    const ip = { "x-client-ip": "192.0.2.1" };
    expect((await post("/limited", {}, ip)).status).toBe(200);
    expect((await post("/limited", {}, ip)).status).toBe(200);
    const third = await post("/limited", {}, ip);
    expect([third.status, third.json.error.code]).toEqual([429, "rate_limited"]);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await post("/limited", {}, { "x-client-ip": "192.0.2.2" })).status).toBe(200);
  });

  it("maps Decart's failures: 5xx retried then 502, a hang 504, nothing of Decart's text echoed", async () => {
    emulator.fault({ type: "status", status: 503, times: 1 });
    expect((await post("/open")).status).toBe(200);
    emulator.fault({ type: "status", status: 500, detail: "upstream secret detail" });
    const failed = await post("/open");
    expect([failed.status, failed.json.error.code]).toEqual([502, "upstream_error"]);
    expect(failed.text).not.toContain("upstream secret detail");
    emulator.clearFaults();
    emulator.fault({ type: "hang" });
    const hung = await post("/open");
    expect([hung.status, hung.json.error.code]).toEqual([504, "upstream_timeout"]);
    emulator.clearFaults();
  });

  it("a route created without a key answers 500 misconfigured (the runtime has no DECART_API_KEY)", async () => {
    const answer = await post("/nokey");
    expect([answer.status, answer.json.error.code]).toEqual([500, "misconfigured"]);
    await post("/nokey");
    const { logs } = (await send("/recorded")).json as { logs: string[] };
    expect(logs.filter((line) => line.includes("no Decart API key"))).toHaveLength(1);
    expect(logs.join("\n")).not.toContain(PERMANENT_KEY);
  });
});
