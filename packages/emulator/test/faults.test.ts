import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { postToken, useEmulator } from "./support.js";

describe("fault injection on the token API", () => {
  it("answers a fixed status with a {detail} body for the next N requests, then recovers", async () => {
    const emulator = await useEmulator();
    emulator.fault({ type: "status", status: 503, times: 2 });
    const first = await postToken(emulator);
    expect(first.status).toBe(503);
    expect(typeof first.json.detail).toBe("string");
    expect((await postToken(emulator)).status).toBe(503);
    expect((await postToken(emulator)).status).toBe(200);
    expect(emulator.tokenRequests).toBe(3);
    expect(emulator.issued).toHaveLength(1);
  });

  it("keeps a fault without `times` until cleared, and plays queued faults in order", async () => {
    const emulator = await useEmulator();
    emulator.fault({ type: "status", status: 429, times: 1 });
    emulator.fault({ type: "status", status: 500 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await postToken(emulator)).status);
    expect(statuses).toEqual([429, 500, 500, 500]);
    emulator.clearFaults();
    expect((await postToken(emulator)).status).toBe(200);
  });

  it("delays the answer, then answers normally", async () => {
    const emulator = await useEmulator();
    emulator.fault({ type: "delay", ms: 300, times: 1 });
    const started = performance.now();
    const { status } = await postToken(emulator);
    expect(status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("hangs without answering until the caller gives up", async () => {
    const emulator = await useEmulator();
    emulator.fault({ type: "hang", times: 1 });
    await expect(postToken(emulator, { signal: AbortSignal.timeout(300) })).rejects.toThrow(/aborted|timeout/i);
    expect((await postToken(emulator)).status).toBe(200);
  });

  it("close() ends hung and delayed requests and frees the port", async () => {
    const emulator = await useEmulator();
    emulator.fault({ type: "hang", times: 1 });
    emulator.fault({ type: "delay", ms: 60_000, times: 1 });
    const hung = rawPost(emulator.url);
    const delayed = rawPost(emulator.url);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await emulator.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(hung).resolves.toBe("closed");
    await expect(delayed).resolves.toBe("closed");
    await expect(fetch(`${emulator.url}/v1/client/tokens`, { method: "POST" })).rejects.toThrow();
  });

  it("resets the connection", async () => {
    const emulator = await useEmulator();
    emulator.fault({ type: "reset", times: 1 });
    await expect(postToken(emulator)).rejects.toThrow(/fetch failed/);
    expect(emulator.tokenRequests).toBe(1);
  });

  it("answers 200 with a body that is not JSON", async () => {
    const emulator = await useEmulator();
    emulator.fault({ type: "malformed-json", times: 1 });
    const { status, text, headers } = await postToken(emulator);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/json");
    expect(() => JSON.parse(text)).toThrow();
  });

  it("answers 200 with an apiKey that lacks the ek_ prefix", async () => {
    const emulator = await useEmulator();
    emulator.fault({ type: "non-ek-key", times: 1 });
    const { status, json } = await postToken(emulator);
    expect(status).toBe(200);
    expect(typeof json.apiKey).toBe("string");
    expect(json.apiKey.startsWith("ek_")).toBe(false);
    expect(Date.parse(json.expiresAt)).toBeGreaterThan(Date.now());
    expect(emulator.issued).toEqual([]);
  });

  it("refuses a fault it cannot play", async () => {
    const emulator = await useEmulator();
    expect(() => emulator.fault({ type: "status", status: 42 })).toThrow(/fault.status/);
    expect(() => emulator.fault({ type: "reset", times: 0 })).toThrow(/fault.times/);
  });
});

/** Resolves "closed" when the server ends the connection without a complete answer. */
function rawPost(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(`${url}/v1/client/tokens`, { method: "POST" }, (res) => {
      res.resume();
      res.on("end", () => resolve(`answered ${res.statusCode}`));
      res.on("error", () => resolve("closed"));
    });
    req.on("error", () => resolve("closed"));
    req.end("{}");
  });
}
