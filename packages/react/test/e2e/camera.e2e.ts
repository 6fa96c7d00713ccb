import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cameraTracks, playback, type Stack, startStack, waitFor } from "./harness";

const MODEL = "lucy-2.1";
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({});
});

afterAll(async () => {
  await stack?.close();
});

const playing = (page: Parameters<typeof playback>[0]) =>
  expect.poll(() => playback(page, 500).then((p) => p.seconds), { timeout: 15_000 }).toBeGreaterThan(0.2);

describe("camera control in Chromium with the unmodified SDK and the emulator", () => {
  it("switching cameras mid-session: the remote video keeps playing, no new emulator session", async () => {
    const page = await stack.open({ model: MODEL, prompt: "anime" });
    await waitFor(page, (r) => r.statuses.includes("connected"));
    await playing(page);
    const sessions = stack.emulator.sessions.length;
    const before = await cameraTracks(page);

    await page.evaluate(() => (window as unknown as { switchCamera: () => Promise<void> }).switchCamera());

    await playing(page);
    expect((await playback(page)).frames).toBeGreaterThan(10);
    expect(stack.emulator.sessions.length).toBe(sessions);
    expect(stack.emulator.sessions.at(-1)?.open).toBe(true);
    const after = await waitFor(page, () => true);
    expect(after.sessionIds).toHaveLength(1);
    expect(after.errors).toEqual([]);
    // The first camera and the clone the SDK published are stopped; the new camera and its clone are live.
    const tracks = await cameraTracks(page);
    expect(tracks.filter((t) => before.some((b) => b.id === t.id)).every((t) => t.state === "ended")).toBe(true);
    expect(tracks.filter((t) => t.state === "live")).toHaveLength(2);
    await page.close();
  });

  it("a camera track that ends mid-session ends the session with camera_lost", async () => {
    const page = await stack.open({ model: MODEL });
    await waitFor(page, (r) => r.statuses.includes("connected"));
    await page.evaluate(() => (window as unknown as { endCamera: () => void }).endCamera());
    const failed = await waitFor(page, (r) => r.statuses.at(-1) === "error");
    expect(failed.errors[0]).toMatch(/^camera_lost: /);
    await expect.poll(() => stack.emulator.sessions.filter((s) => s.open).length).toBe(0);
    expect((await cameraTracks(page)).every((t) => t.state === "ended")).toBe(true);
    await page.close();
  });
});
