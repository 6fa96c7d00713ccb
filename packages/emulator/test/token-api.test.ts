import { describe, expect, it } from "vitest";
import { EMULATOR_API_KEY } from "../src/index.js";
import { postToken, useEmulator } from "./support.js";

describe("POST /v1/client/tokens", () => {
  it("mints an ek_ token that expires in 60 s by default", async () => {
    const emulator = await useEmulator();
    const before = Date.now();
    const { status, json, headers } = await postToken(emulator);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/json");
    expect(json.apiKey).toMatch(/^ek_[A-Za-z0-9_-]{40,}$/);
    expect(Object.keys(json).sort()).toEqual(["apiKey", "expiresAt"]);
    const lifetime = Date.parse(json.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(59_000);
    expect(lifetime).toBeLessThanOrEqual(61_000);
    expect(json.expiresAt).toBe(new Date(json.expiresAt).toISOString());
  });

  it("never mints the same token twice", async () => {
    const emulator = await useEmulator();
    const keys = await Promise.all(Array.from({ length: 20 }, async () => (await postToken(emulator)).json.apiKey));
    expect(new Set(keys).size).toBe(20);
  });

  it("answers permissions and constraints only when they were requested", async () => {
    const emulator = await useEmulator();
    const body = {
      expiresIn: 300,
      allowedModels: ["mirage_v2"],
      allowedOrigins: ["https://app.example.com", "http://localhost:5173"],
      constraints: { realtime: { maxSessionDuration: 120 } },
      metadata: { user: "u1" },
    };
    const { json } = await postToken(emulator, { body });
    expect(json.permissions).toEqual({ models: ["mirage_v2"], origins: body.allowedOrigins });
    expect(json.constraints).toEqual({ realtime: { maxSessionDuration: 120 } });
    expect(json).not.toHaveProperty("metadata");
    const onlyOrigins = await postToken(emulator, { body: { allowedOrigins: ["https://a.example"] } });
    expect(onlyOrigins.json.permissions).toEqual({ origins: ["https://a.example"] });
    expect(onlyOrigins.json).not.toHaveProperty("constraints");
  });

  it("records what it minted, with the validated options and the masked permanent key", async () => {
    const emulator = await useEmulator({ apiKeys: ["first-permanent-key-0001", "second-permanent-key-0002"] });
    const a = await postToken(emulator, { key: "first-permanent-key-0001", body: { metadata: { n: 1 } } });
    const b = await postToken(emulator, { key: "second-permanent-key-0002", body: { expiresIn: 5 } });
    expect(emulator.issued).toEqual([
      {
        apiKey: a.json.apiKey,
        expiresAt: a.json.expiresAt,
        options: { metadata: { n: 1 } },
        permanentKey: "firs…0001",
      },
      { apiKey: b.json.apiKey, expiresAt: b.json.expiresAt, options: { expiresIn: 5 }, permanentKey: "seco…0002" },
    ]);
    expect(JSON.stringify(emulator.issued)).not.toContain("first-permanent-key-0001");
  });

  it.each([
    ["missing", null, "Missing API key"],
    ["unknown", "not-a-key", "Invalid API key"],
    ["a client token", "ek_abc", "Invalid API key"],
  ])("refuses a %s X-API-KEY with 401 and counts the request", async (_label, key, detail) => {
    const emulator = await useEmulator();
    const { status, json } = await postToken(emulator, { key });
    expect(status).toBe(401);
    expect(json.detail).toContain(detail);
    expect(emulator.tokenRequests).toBe(1);
    expect(emulator.issued).toEqual([]);
  });

  it("treats an empty body as no options, like an SDK call without options", async () => {
    const emulator = await useEmulator();
    expect((await postToken(emulator, { rawBody: "" })).status).toBe(200);
  });

  it("refuses a body over 64 KiB with 413", async () => {
    const emulator = await useEmulator();
    const { status, json } = await postToken(emulator, { body: { metadata: { blob: "x".repeat(70_000) } } });
    expect(status).toBe(413);
    expect(json.detail).toMatch(/too large/);
  });

  it("refuses a body that is not JSON with 400", async () => {
    const emulator = await useEmulator();
    const { status, json } = await postToken(emulator, { rawBody: "{nope" });
    expect(status).toBe(400);
    expect(json.detail).toMatch(/not valid JSON/);
  });

  it("answers 404 for a path it does not serve and 405 for a GET on the token path", async () => {
    const emulator = await useEmulator();
    expect((await fetch(`${emulator.url}/v1/nothing`)).status).toBe(404);
    expect(
      (await fetch(`${emulator.url}/v1/client/tokens`, { headers: { "x-api-key": EMULATOR_API_KEY } })).status,
    ).toBe(405);
  });
});
