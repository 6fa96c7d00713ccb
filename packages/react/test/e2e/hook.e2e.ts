import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cameraTracks, playback, type Stack, startStack, waitFor } from "./harness";

const MODEL = "lucy-2.1";
let stack: Stack;

beforeAll(async () => {
  // Two-second tokens: any reconnection after that needs a fresh one (the SDK's own would be refused).
  stack = await startStack({ expiresIn: 2 });
});

afterAll(async () => {
  await stack?.close();
});

describe("useDecartRealtime in Chromium with the unmodified SDK and the emulator", () => {
  it("shows the remote video playing", async () => {
    const page = await stack.open({ model: MODEL, prompt: "anime" });
    await waitFor(page, (r) => r.statuses.includes("connected") || r.statuses.includes("generating"));
    await expect.poll(() => playback(page, 500).then((p) => p.seconds), { timeout: 15_000 }).toBeGreaterThan(0.2);
    const { frames, width } = await playback(page);
    expect(frames).toBeGreaterThan(10);
    expect(width).toBeGreaterThan(0);
    expect(stack.emulator.sessions.at(-1)?.prompts).toContain("anime");
    await page.close();
  });

  it("after dropSession with a 2-second token, reconnects with a new token and the video plays again", async () => {
    const page = await stack.open({ model: MODEL, prompt: "anime" });
    await waitFor(page, (r) => r.statuses.includes("connected"));
    await expect.poll(() => playback(page, 500).then((p) => p.seconds), { timeout: 15_000 }).toBeGreaterThan(0.2);
    const dropped = stack.emulator.sessions.at(-1)!;
    // Let the token expire: the open session must not care.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(dropped.open).toBe(true);

    stack.emulator.dropSession(dropped.id);
    const after = await waitFor(page, (r) => {
      const drop = r.statuses.lastIndexOf("reconnecting");
      return drop >= 0 && r.statuses.slice(drop).some((s) => s === "connected" || s === "generating");
    });
    expect(after.errors).toEqual([]);
    const renewed = stack.emulator.sessions.at(-1)!;
    expect(renewed.id).not.toBe(dropped.id);
    expect(renewed.open).toBe(true);
    expect(renewed.token).not.toBe(dropped.token);
    expect(stack.emulator.issued.map((token) => token.apiKey)).toContain(renewed.token);
    expect(renewed.prompts).toContain("anime");
    // Not frozen: the new session got live clones of the camera, and the echo plays.
    await expect.poll(() => playback(page, 500).then((p) => p.seconds), { timeout: 15_000 }).toBeGreaterThan(0.2);
    expect((await playback(page)).frames).toBeGreaterThan(10);
    await page.close();
  });

  it("after unmount every camera track (originals and clones) has ended", async () => {
    const page = await stack.open({ model: MODEL });
    await waitFor(page, (r) => r.statuses.includes("connected"));
    const tracks = await cameraTracks(page);
    expect(tracks.filter((t) => !t.clone).length).toBeGreaterThan(0);
    expect(tracks.filter((t) => t.clone).length).toBeGreaterThan(0);
    await page.evaluate(() => (window as unknown as { unmount: () => void }).unmount());
    await waitFor(page, (r) => !r.mounted);
    expect((await cameraTracks(page)).map((t) => t.state)).toEqual(tracks.map(() => "ended"));
    await expect.poll(() => stack.emulator.sessions.filter((s) => s.open).length).toBe(0);
    await page.close();
  });

  it("a caller-provided stream is still live after disconnect and unmount", async () => {
    const page = await stack.open({ model: MODEL, callerStream: true });
    await waitFor(page, (r) => r.statuses.includes("connected"));
    const callerTracks = () =>
      page.evaluate(() => (window as unknown as { callerTracks: () => string[] }).callerTracks());
    await page.evaluate(() => (window as unknown as { disconnect: () => void }).disconnect());
    await waitFor(page, (r) => r.statuses.at(-1) === "idle");
    await expect.poll(() => stack.emulator.sessions.filter((s) => s.open).length).toBe(0);
    expect(await callerTracks()).toEqual(["live"]);
    await page.evaluate(() => (window as unknown as { unmount: () => void }).unmount());
    await waitFor(page, (r) => !r.mounted);
    expect(await callerTracks()).toEqual(["live"]);
    // The clones the SDK was given are ended; only the caller's own track lives on.
    const clones = (await cameraTracks(page)).filter((t) => t.clone);
    expect(clones.length).toBeGreaterThan(0);
    expect(clones.every((t) => t.state === "ended")).toBe(true);
    await page.close();
  });

  it("when the server ends the session at maxSessionDuration, status is ended with the reason and nothing reconnects", async () => {
    const page = await stack.open({ model: MODEL, token: "/api/short-session-token" });
    const connected = await waitFor(page, (r) => r.statuses.includes("connected"));
    const left = Date.parse(connected.sessionEndsAt!) - Date.now();
    expect(left).toBeGreaterThan(5_000);
    expect(left).toBeLessThanOrEqual(10_000);
    const sessions = stack.emulator.sessions.length;
    const ended = await waitFor(page, (r) => r.statuses.at(-1) === "ended", 20_000);
    expect(ended.errors).toEqual(["session_ended: Session ended: max_session_duration"]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(stack.emulator.sessions.length).toBe(sessions);
    expect(stack.emulator.sessions.filter((s) => s.open)).toHaveLength(0);
    expect((await cameraTracks(page)).every((t) => t.state === "ended")).toBe(true);
    await page.close();
  });
});
