import { describe, expect, it } from "vitest";
import { createSignalingOnlyMediaPlane, EMULATOR_API_KEY, type Emulator, SESSION_LIMIT_CLOSE } from "../src/index.js";
import { loadSdkStreamSession, type SdkSession, sdkSessionConfig, sdkStreamUrl } from "./sdk-signaling.js";
import { postToken, useEmulator } from "./support.js";

const StreamSession = await loadSdkStreamSession();
const signalingOnly = { mediaPlane: createSignalingOnlyMediaPlane };
const silent = { debug() {}, info() {}, warn() {}, error() {} };

function sdkSession(emulator: Emulator, apiKey: string, extra?: Record<string, unknown>) {
  const { config, media } = sdkSessionConfig(sdkStreamUrl(emulator.realtimeUrl, apiKey), extra);
  const session = new StreamSession(config) as SdkSession;
  const events: Array<[string, unknown]> = [];
  for (const name of ["connectionChange", "queuePosition", "generationTick", "sessionStarted", "error"]) {
    session.on(name, (payload) => events.push([name, payload]));
  }
  return { session, media, events };
}

describe("the real SDK's realtime control channel against the emulator", () => {
  it("connects with an initial prompt, sends prompts and images, and sees generation ticks", async () => {
    const emulator = await useEmulator(signalingOnly);
    const { json } = await postToken(emulator, { body: { allowedModels: ["lucy-2.5"] } });
    const { session, media, events } = sdkSession(emulator, json.apiKey, {
      initialPrompt: { text: "oil painting", enhance: true },
    });
    await session.connect();
    expect(session.getConnectionState()).toBe("connected");
    const live = emulator.sessions[0]!;
    expect(media.joined).toEqual([{ url: emulator.realtimeUrl, token: expect.any(String) }]);
    expect(events).toContainEqual(["sessionStarted", expect.objectContaining({ sessionId: live.id })]);
    await session.sendPrompt("pencil sketch");
    await session.setImage({ kind: "data", data: "iVBORw0KGgo=" });
    expect(emulator.sessions[0]).toMatchObject({ prompts: ["oil painting", "pencil sketch"], images: 1 });
    expect(session.getConnectionState()).toBe("generating"); // generation_started arrived with the room
    await expect.poll(() => events, { timeout: 2500 }).toContainEqual(["generationTick", { seconds: 1 }]);
    session.disconnect();
    await expect.poll(() => emulator.sessions[0]!.open).toBe(false);
  });

  it("reports queue positions while waiting for a room", async () => {
    const emulator = await useEmulator({ ...signalingOnly, realtime: { queuePositions: 2, queueStepMs: 10 } });
    const { session, events } = sdkSession(emulator, EMULATOR_API_KEY);
    await session.connect();
    expect(events.filter(([name]) => name === "queuePosition").map(([, payload]) => payload)).toEqual([
      { position: 2, queueSize: 2 },
      { position: 1, queueSize: 2 },
    ]);
    session.disconnect();
  });

  it("gives up at once on a refused token: the SDK treats the 401 error as permanent", async () => {
    const emulator = await useEmulator(signalingOnly);
    const { session } = sdkSession(emulator, "ek_not-minted-here");
    const started = performance.now();
    await expect(session.connect()).rejects.toThrow(/401/);
    // Its first retry would wait 1 s; a permanent error skips retrying.
    expect(performance.now() - started).toBeLessThan(900);
    expect(session.getConnectionState()).toBe("disconnected");
  });

  it("retries a session refused by the per-key cap (1013) and gets in once a slot frees", async () => {
    const emulator = await useEmulator({ ...signalingOnly, realtime: { maxSessionsPerKey: 1 } });
    const first = sdkSession(emulator, EMULATOR_API_KEY);
    await first.session.connect();
    // What the SDK itself records of the refusal: the close as Decart sends it (code 1013, "Session Limit Reached").
    const closes: unknown[] = [];
    const logger = {
      ...silent,
      warn: (message: string, fields: unknown) => message.includes("closed") && closes.push(fields),
    };
    const second = sdkSession(emulator, EMULATOR_API_KEY, { logger });
    const connecting = second.session.connect();
    setTimeout(() => first.session.disconnect(), 300);
    await connecting;
    expect(closes[0]).toMatchObject({ code: SESSION_LIMIT_CLOSE.code, reason: "Session Limit Reached" });
    expect(second.session.getConnectionState()).toBe("connected");
    expect(emulator.peakOpenSessions).toBe(1);
    expect(emulator.sessions.map((s) => s.open)).toEqual([false, true]);
    second.session.disconnect();
  });

  it("reconnects after a dropped session with the same token, while that token is live", async () => {
    const emulator = await useEmulator(signalingOnly);
    const { json } = await postToken(emulator, { body: { expiresIn: 60 } });
    const { session } = sdkSession(emulator, json.apiKey);
    await session.connect();
    emulator.dropSession(emulator.sessions[0]!.id);
    await expect.poll(() => emulator.sessions.length, { timeout: 4000 }).toBe(2);
    await expect.poll(() => session.getConnectionState(), { timeout: 2000 }).toMatch(/connected|generating/);
    expect(emulator.sessions.map((s) => [s.token, s.open])).toEqual([
      [json.apiKey, false],
      [json.apiKey, true],
    ]);
    session.disconnect();
  });

  it("cannot reconnect after a drop once its token expired: it ends disconnected", async () => {
    const emulator = await useEmulator(signalingOnly);
    const { json } = await postToken(emulator, { body: { expiresIn: 1 } });
    const { session, events } = sdkSession(emulator, json.apiKey);
    await session.connect();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    emulator.dropSession(emulator.sessions[0]!.id);
    await expect.poll(() => session.getConnectionState(), { timeout: 4000 }).toBe("disconnected");
    expect(events.some(([name, payload]) => name === "error" && String(payload).includes("401"))).toBe(true);
    expect(emulator.sessions).toHaveLength(1);
  });
});
