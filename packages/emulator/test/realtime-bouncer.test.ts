import { describe, expect, it } from "vitest";
import { createSignalingOnlyMediaPlane, EMULATOR_API_KEY, type Emulator } from "../src/index.js";
import { StreamClient } from "./stream-client.js";
import { postToken, useEmulator } from "./support.js";

const signalingOnly = { mediaPlane: createSignalingOnlyMediaPlane };

async function mint(emulator: Emulator, body: Record<string, unknown> = {}): Promise<string> {
  const { status, json } = await postToken(emulator, { body });
  expect(status).toBe(200);
  return json.apiKey;
}

/** Opens a stream, sends the SDK's join, and returns how the emulator answered. */
async function attempt(emulator: Emulator, options: ConstructorParameters<typeof StreamClient>[1]) {
  const client = new StreamClient(emulator, options);
  await client.opened;
  client.join();
  const closed = await Promise.race([client.closed, client.next("livekit_room_info").then(() => undefined)]);
  return { client, closed, errors: client.received.filter((m) => m.type === "error").map((m) => m.error) };
}

describe("/v1/stream bouncer", () => {
  it("admits a permanent key and records it masked", async () => {
    const emulator = await useEmulator(signalingOnly);
    const { closed, client } = await attempt(emulator, { apiKey: EMULATOR_API_KEY });
    expect(closed).toBeUndefined();
    expect(emulator.sessions).toHaveLength(1);
    expect(emulator.sessions[0]!.token).not.toContain(EMULATOR_API_KEY);
    client.close();
  });

  it("admits a live ek_ token it minted, recording the token, model and origin", async () => {
    const emulator = await useEmulator(signalingOnly);
    const apiKey = await mint(emulator);
    const { closed } = await attempt(emulator, { apiKey, model: "lucy-restyle-2", origin: "http://localhost:5173" });
    expect(closed).toBeUndefined();
    expect(emulator.sessions[0]).toMatchObject({
      model: "lucy-restyle-2",
      token: apiKey,
      origin: "http://localhost:5173",
      open: true,
    });
  });

  it.each([
    ["an unknown ek_ token", "ek_unknown-to-this-emulator"],
    ["a missing api_key", null],
    ["a key of another emulator", "some-other-permanent-key"],
  ])("refuses %s with a 401 error, then closes with 1008", async (_label, apiKey) => {
    const emulator = await useEmulator(signalingOnly);
    const { closed, errors } = await attempt(emulator, { apiKey });
    expect(closed?.code).toBe(1008);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("401");
    expect(emulator.sessions).toEqual([]);
  });

  it("refuses an expired token with a 401 error and 1008", async () => {
    const emulator = await useEmulator(signalingOnly);
    const apiKey = await mint(emulator, { expiresIn: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1050));
    const { closed, errors } = await attempt(emulator, { apiKey });
    expect(closed?.code).toBe(1008);
    expect(errors[0]).toMatch(/401.*expired/);
  });

  it("refuses a model outside the token's allowedModels, admits one inside", async () => {
    const emulator = await useEmulator(signalingOnly);
    const apiKey = await mint(emulator, { allowedModels: ["lucy-2.5"] });
    const refused = await attempt(emulator, { apiKey, model: "lucy-restyle-2" });
    expect(refused.closed?.code).toBe(1008);
    expect(refused.errors[0]).toContain("model not allowed");
    expect((await attempt(emulator, { apiKey, model: "lucy-2.5" })).closed).toBeUndefined();
  });

  it("refuses a session without a model", async () => {
    const emulator = await useEmulator(signalingOnly);
    const { closed, errors } = await attempt(emulator, { model: null });
    expect(closed?.code).toBe(1008);
    expect(errors[0]).toContain("model");
  });

  it.each([
    ["another origin", "https://evil.example"],
    ["a trailing slash (matched verbatim)", "https://app.example.com/"],
    ["another port", "https://app.example.com:8443"],
    ["no Origin header", undefined],
  ])("refuses %s when the token has allowedOrigins", async (_label, origin) => {
    const emulator = await useEmulator(signalingOnly);
    const apiKey = await mint(emulator, { allowedOrigins: ["https://app.example.com"] });
    const { closed, errors } = await attempt(emulator, { apiKey, origin });
    expect(closed?.code).toBe(1008);
    expect(errors[0]).toContain("origin not allowed");
  });

  it("admits a listed origin", async () => {
    const emulator = await useEmulator(signalingOnly);
    const apiKey = await mint(emulator, { allowedOrigins: ["https://a.example", "https://app.example.com"] });
    expect((await attempt(emulator, { apiKey, origin: "https://app.example.com" })).closed).toBeUndefined();
  });

  it("lets a session outlive its token's expiry, but blocks new sessions with it", async () => {
    const emulator = await useEmulator(signalingOnly);
    const apiKey = await mint(emulator, { expiresIn: 1 });
    const { client, closed } = await attempt(emulator, { apiKey });
    expect(closed).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1300));
    client.send({ type: "prompt", prompt: "after expiry", enhance_prompt: true });
    expect(await client.next("prompt_ack")).toEqual({ type: "prompt_ack", prompt: "after expiry", success: true });
    expect(client.received.some((m) => m.type === "generation_tick")).toBe(true);
    expect(emulator.sessions[0]!.open).toBe(true);
    const late = await attempt(emulator, { apiKey });
    expect(late.closed?.code).toBe(1008);
    expect(late.errors[0]).toContain("401");
  });

  it("caps concurrent sessions per account with close code 1013 and a session limit reason", async () => {
    const emulator = await useEmulator({
      ...signalingOnly,
      apiKeys: [EMULATOR_API_KEY, "second-account-key"],
      realtime: { maxSessionsPerKey: 1 },
    });
    const first = await attempt(emulator, { apiKey: await mint(emulator) });
    expect(first.closed).toBeUndefined();
    // Another token of the same account counts against the same cap.
    const overCap = new StreamClient(emulator, { apiKey: await mint(emulator) });
    const closed = await overCap.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toBe("Session Limit Reached");
    expect(overCap.received).toEqual([]); // no error frame first: the SDK's error carries the close code
    expect(emulator.openSessions).toBe(1);
    // Another account is not affected.
    expect((await attempt(emulator, { apiKey: "second-account-key" })).closed).toBeUndefined();
    // Once the first session ends, the account may open one again.
    first.client.close();
    await first.client.closed;
    await expect.poll(() => emulator.sessions[0]!.open).toBe(false);
    expect((await attempt(emulator, { apiKey: await mint(emulator) })).closed).toBeUndefined();
  });

  it("refuses the next N sessions with the given error, then admits again", async () => {
    const emulator = await useEmulator(signalingOnly);
    emulator.refuseSessions({ times: 2, error: "503 Service Unavailable: no GPU" });
    for (let i = 0; i < 2; i++) {
      const refused = await attempt(emulator, {});
      expect(refused.closed?.code).toBe(1011);
      expect(refused.errors).toEqual(["503 Service Unavailable: no GPU"]);
    }
    expect((await attempt(emulator, {})).closed).toBeUndefined();
    emulator.refuseSessions({ error: "401 Unauthorized: banned", code: 1008 });
    const permanent = await attempt(emulator, {});
    expect(permanent.closed?.code).toBe(1008);
    expect(() => emulator.refuseSessions({ times: 0 })).toThrow(/times/);
  });
});
