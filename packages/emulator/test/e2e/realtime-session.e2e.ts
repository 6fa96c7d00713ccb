import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteVideo, type Stack, startStack, waitForReport } from "./harness";

const MODEL = "lucy-2.5";
const OTHER_MODEL = "lucy-2.1";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack((appUrl) => ({
    open: {},
    "short-lived": { expiresIn: 1 },
    "one-model": { allowedModels: [MODEL] },
    "app-origin-only": { allowedOrigins: [appUrl] },
    "ten-seconds": { constraints: { realtime: { maxSessionDuration: 10 } } },
  }));
});

afterAll(async () => {
  await stack?.close();
});

type PageClient = { setPrompt(prompt: string): Promise<void>; disconnect(): void };

function callClient<T>(page: Page, action: "setPrompt" | "disconnect", argument?: string): Promise<T> {
  return page.evaluate(
    ([name, value]) => {
      const client = (window as unknown as { client: PageClient }).client;
      return name === "setPrompt" ? client.setPrompt(value!) : client.disconnect();
    },
    [action, argument] as const,
  ) as Promise<T>;
}

/** readyState of the camera tracks the page handed the SDK. */
function cameraStates(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as { camera: MediaStream }).camera.getTracks().map((track) => track.readyState),
  );
}

async function framesAdvance(page: Page, overMs: number): Promise<number> {
  const before = await remoteVideo(page);
  await page.waitForTimeout(overMs);
  return (await remoteVideo(page)).frames - before.frames;
}

describe("the unmodified SDK against the emulator, in Chromium", () => {
  it("connects, plays the echoed camera and delivers prompts to the emulator", async () => {
    const page = await stack.openSession({ tokenPath: "/api/token/open", model: MODEL, prompt: "a watercolor city" });
    const report = await waitForReport(page, (r) => r.firstFrameAt !== undefined);
    const ms = (mark: number | undefined) => `${mark?.toFixed(0)} ms`;
    console.log(
      `[benchmark] page load → first remote frame: ${ms(report.firstFrameAt)} ` +
        `(connect() called ${ms(report.connectCalledAt)}, onRemoteStream ${ms(report.remoteStreamAt)})`,
    );
    expect(report.connectError).toBeUndefined();
    expect(report.remoteStreams).toBe(1);

    const start = await remoteVideo(page);
    expect(start.width).toBeGreaterThan(0);
    await page.waitForTimeout(3000);
    const end = await remoteVideo(page);
    expect(end.time - start.time).toBeGreaterThan(2.5);
    expect(end.frames).toBeGreaterThan(start.frames + 30);
    // The echo follows the best simulcast layer: the camera's full 640×480, not a lower one (the lowest is 240×180).
    await expect.poll(async () => (await remoteVideo(page)).width, { timeout: 8000 }).toBe(640);

    await callClient(page, "setPrompt", "now in snow");
    const session = stack.emulator.sessions.at(-1)!;
    expect(session.prompts).toEqual(["a watercolor city", "now in snow"]);
    expect(session.model).toBe(MODEL);

    // Documents an SDK behaviour the hook works around: disconnect() stops the tracks the app handed it.
    expect(await cameraStates(page)).toEqual(["live"]);
    await callClient(page, "disconnect");
    await expect.poll(() => cameraStates(page)).toEqual(["ended"]);
    await expect.poll(() => stack.emulator.sessions.at(-1)!.open).toBe(false);
    await page.close();
  });

  it("refuses an expired token with the SDK's permanent error", async () => {
    const page = await stack.openSession({ tokenPath: "/api/token/short-lived", model: MODEL, connectDelayMs: 1500 });
    const report = await waitForReport(page, (r) => r.connectError !== undefined);
    console.log(`expired: ${report.connectError}`);
    expect(report.connectError).toMatch(/401/);
    expect(report.remoteStreams).toBe(0);
    await page.close();
  });

  it("refuses a model outside the token's allowedModels", async () => {
    const page = await stack.openSession({ tokenPath: "/api/token/one-model", model: OTHER_MODEL });
    const report = await waitForReport(page, (r) => r.connectError !== undefined);
    console.log(`model: ${report.connectError}`);
    expect(report.connectError).toMatch(/model not allowed/i);
    await page.close();
  });

  it("refuses a token used from an origin outside its allowedOrigins", async () => {
    const token = await stack.mintToken("/api/token/app-origin-only", stack.appUrl);
    const otherOrigin = stack.appUrl.replace("127.0.0.1", "localhost");
    const page = await stack.openSession({ token, model: MODEL }, otherOrigin);
    const report = await waitForReport(page, (r) => r.connectError !== undefined);
    console.log(`origin: ${report.connectError}`);
    expect(report.connectError).toMatch(/origin not allowed/i);
    expect(stack.emulator.sessions.some((s) => s.origin === otherOrigin && s.open)).toBe(false);
    await page.close();
  });

  it("ends the session when maxSessionDuration runs out, after which the SDK opens a new one", async () => {
    const page = await stack.openSession({ tokenPath: "/api/token/ten-seconds", model: MODEL });
    await waitForReport(page, (r) => r.connected);
    const session = stack.emulator.sessions.at(-1)!;
    const report = await waitForReport(page, (r) => r.generationEnded !== undefined, 15_000);
    const elapsedS = (report.generationEndedAt! - report.connectCalledAt!) / 1000;
    console.log(`maxSessionDuration 10: generation_ended ${elapsedS.toFixed(2)} s after connect() was called`);
    expect(report.generationEnded).toEqual({ seconds: 10, reason: "max_session_duration" });
    expect(elapsedS).toBeGreaterThan(9.5);
    expect(elapsedS).toBeLessThan(11.5);
    const ended = stack.emulator.sessions.find((s) => s.id === session.id)!;
    expect(ended).toMatchObject({ open: false, endReason: "max_session_duration" });
    // Finding for the hook: the SDK treats the closed socket as a network loss and re-dials with the same token,
    // which (still valid) opens a brand-new session with a fresh 10 s allowance.
    const afterEnd = (states: string[]) => states.slice(states.indexOf("reconnecting"));
    const after = await waitForReport(page, (r) => afterEnd(r.states).includes("connected"));
    expect(after.states.slice(0, 2)).toEqual(["connecting", "connected"]);
    expect(stack.emulator.sessions.at(-1)).toMatchObject({ open: true, token: session.token });
    expect(stack.emulator.sessions.at(-1)!.id).not.toBe(session.id);
    await page.close();
  });

  it("goes reconnecting when the emulator drops the session; after its own reconnect the echo is frozen", async () => {
    const page = await stack.openSession({ tokenPath: "/api/token/open", model: MODEL });
    await waitForReport(page, (r) => r.firstFrameAt !== undefined);
    const dropped = stack.emulator.sessions.at(-1)!;
    stack.emulator.dropSession(dropped.id);
    const afterDrop = (states: string[]) => states.slice(states.indexOf("reconnecting"));
    await waitForReport(page, (r) => r.states.includes("reconnecting"));
    const report = await waitForReport(page, (r) => afterDrop(r.states).includes("connected"), 20_000);
    // "generating" comes with the first generation_tick, so it may or may not precede the drop.
    expect(afterDrop(report.states).slice(0, 2)).toEqual(["reconnecting", "connected"]);
    const sessions = stack.emulator.sessions;
    expect(sessions.find((s) => s.id === dropped.id)).toMatchObject({ open: false, endReason: "dropped" });
    expect(sessions.at(-1)).toMatchObject({ open: true, token: dropped.token });
    // Finding for the hook (shared/realtime-emulation.md): LiveKit's room.disconnect() inside the SDK's reconnect
    // stopped the camera track it was given, and the SDK republished that ended track, so nothing reaches the echo.
    expect(await cameraStates(page)).toEqual(["ended"]);
    expect(await framesAdvance(page, 2000)).toBeLessThan(3);
    await page.close();
  });

  it("goes reconnecting when the emulator drops the session's media connection, which ends the session too", async () => {
    const page = await stack.openSession({ tokenPath: "/api/token/open", model: MODEL });
    await waitForReport(page, (r) => r.firstFrameAt !== undefined);
    const dropped = stack.emulator.sessions.at(-1)!;
    stack.emulator.dropSession(dropped.id, { channel: "media" });
    await waitForReport(page, (r) => r.states.includes("reconnecting"));
    expect(stack.emulator.sessions.find((s) => s.id === dropped.id)).toMatchObject({
      open: false,
      endReason: "room_closed",
    });
    await page.close();
  });
});
