import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteVideo, type Stack, startStack, waitForReport } from "./harness";

const MODEL = "lucy-2.5";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack(() => ({ open: {} }));
});

afterAll(async () => {
  await stack?.close();
});

async function framesAdvance(page: Page, overMs: number): Promise<number> {
  const before = await remoteVideo(page);
  await page.waitForTimeout(overMs);
  return (await remoteVideo(page)).frames - before.frames;
}

function openViewer(subscribeToken: string): Promise<Page> {
  return stack.openSession({
    mode: "watch",
    tokenPath: "/api/token/open",
    model: MODEL,
    subscribeToken,
    baseUrl: stack.emulator.url,
  });
}

describe("viewers of a live session (the SDK's realtime.subscribe), in Chromium", () => {
  it("plays the publisher's output to two viewers; one leaving changes nothing for the other; the end ends both", async () => {
    const publisher = await stack.openSession({ tokenPath: "/api/token/open", model: MODEL });
    const { subscribeToken } = await waitForReport(publisher, (r) => r.firstFrameAt !== undefined);
    expect(subscribeToken).toEqual(expect.any(String));
    // The page (on the app's origin) calls the emulator (another origin): this only works with CORS answered.
    const viewers = await Promise.all([openViewer(subscribeToken!), openViewer(subscribeToken!)]);
    for (const viewer of viewers) {
      const report = await waitForReport(viewer, (r) => r.firstFrameAt !== undefined || r.connectError !== undefined);
      expect(report.connectError).toBeUndefined();
      expect(report.remoteStreams).toBe(1);
      expect(await framesAdvance(viewer, 1500)).toBeGreaterThan(15);
      expect((await remoteVideo(viewer)).width).toBeGreaterThan(0);
    }
    const [leaving, staying] = viewers as [Page, Page];
    await leaving.evaluate(() => (window as unknown as { viewer: { disconnect(): void } }).viewer.disconnect());
    await leaving.close();
    await publisher.waitForTimeout(500);
    expect(await framesAdvance(staying, 1500)).toBeGreaterThan(15);
    expect(await framesAdvance(publisher, 1000)).toBeGreaterThan(10);
    expect(stack.emulator.sessions.at(-1)!.open).toBe(true);

    await publisher.evaluate(() => (window as unknown as { client: { disconnect(): void } }).client.disconnect());
    const ended = await waitForReport(staying, (r) => r.watchStates?.at(-1) === "disconnected");
    expect(ended.watchStates).toEqual(["connected", "disconnected"]);
    const late = await openViewer(subscribeToken!);
    const refused = await waitForReport(late, (r) => r.connectError !== undefined);
    expect(refused.connectError).toMatch(/404/);
    await Promise.all([publisher.close(), staying.close(), late.close()]);
  });

  it("uploads, reads and deletes a reference image from a page on another origin, and connects with it", async () => {
    const page = await stack.openSession({
      mode: "files",
      tokenPath: "/api/token/open",
      model: MODEL,
      baseUrl: stack.emulator.url,
    });
    const report = await waitForReport(page, (r) => r.fileSteps?.at(-1) === "done" || r.connectError !== undefined);
    expect(report.connectError).toBeUndefined();
    const [upload, get, set, deleted, setAfterDelete, getAfterDelete] = report.fileSteps!;
    expect(upload).toMatch(/^upload: file_\w+ image\/png style\.png$/);
    expect(get).toMatch(/^get: ok "file_/);
    expect(set).toBe("set: ok null");
    expect(deleted).toBe("delete: ok null");
    expect(setAfterDelete).toMatch(/image_ref not found/);
    expect(getAfterDelete).toMatch(/FILES_GET_ERROR .*404/);
    expect(report.errors).toEqual([]);
    const session = stack.emulator.sessions.at(-1)!;
    expect(session).toMatchObject({ images: 2, prompts: ["in this style", "again"] });
    await page.close();
  });
});
