import type { Browser, Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectPlaying, openApp, signIn, startSession, waitForConnected } from "./browser";
import type { SuiteEnv } from "./suite-env";

const ENDED = "The stream has ended.";
/** A publisher and up to three viewers, each a Chromium page decoding video, on a shared 2-core machine. */
const VIEWER_TEST_TIMEOUT_MS = 150_000;

/** A viewer: a fresh browser context (no sign-in, no cookies) opening a share link. */
async function openViewer(browser: Browser, link: string): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`[viewer page error] ${error.message}`));
  await page.goto(link);
  return { page, close: () => context.close() };
}

async function shareLink(page: Page, previous?: string): Promise<string> {
  await page.getByRole("button", { name: "Share" }).click();
  const link = page.getByTestId("share-link");
  await expect.poll(() => link.getAttribute("href"), { timeout: 15_000 }).toMatch(/\/watch#.+/);
  const href = (await link.getAttribute("href"))!;
  if (previous && href === previous) throw new Error("the share link did not change");
  return href;
}

function watchStatus(page: Page): Promise<string | null> {
  return page.getByTestId("watch-status").textContent();
}

/** Issue 14's browser tests: live viewers through a share link, and the reference-image control. */
export function describeViewers(env: SuiteEnv, { full }: { full: boolean }): void {
  it(
    "Share gives a link; two viewers play it; one leaving leaves the other playing; Stop ends both",
    async () => {
      const app = await openApp(env.browser, env.server.url);
      const viewers: { page: Page; close(): Promise<void> }[] = [];
      try {
        await signIn(app.page, "Hedy");
        await startSession(app.page);
        await waitForConnected(app.page);
        const link = await shareLink(app.page);
        expect(new URL(link).origin).toBe(new URL(env.server.url).origin);
        viewers.push(await openViewer(env.browser, link), await openViewer(env.browser, link));
        for (const viewer of viewers) await expectPlaying(viewer.page, "watch-video");
        if (!full) return;

        const [leaving, staying] = viewers as [(typeof viewers)[0], (typeof viewers)[0]];
        await leaving.close();
        await staying.page.waitForTimeout(1000);
        await expectPlaying(staying.page, "watch-video");
        await expectPlaying(app.page, "remote-video");

        const third = await openViewer(env.browser, link);
        viewers.push(third);
        await expectPlaying(third.page, "watch-video");
        await app.page.getByRole("button", { name: "Stop" }).click();
        for (const viewer of [staying, third]) {
          await expect.poll(() => watchStatus(viewer.page), { timeout: 15_000 }).toBe(ENDED);
          expect(await viewer.page.locator("[data-testid=watch-video] video").count()).toBe(0);
        }
      } finally {
        await Promise.all(viewers.map((viewer) => viewer.close()));
        await app.close();
      }
    },
    VIEWER_TEST_TIMEOUT_MS,
  );

  if (!full) return;

  it(
    "the publisher's connection drops: it reconnects with a new link, and viewers of the old one are told it ended",
    async () => {
      const app = await openApp(env.browser, env.server.url);
      const viewers: { page: Page; close(): Promise<void> }[] = [];
      try {
        await signIn(app.page, "Barbara");
        await startSession(app.page);
        await waitForConnected(app.page);
        const oldLink = await shareLink(app.page);
        viewers.push(await openViewer(env.browser, oldLink), await openViewer(env.browser, oldLink));
        for (const viewer of viewers) await expectPlaying(viewer.page, "watch-video");

        const first = env.openSessions()[0]!;
        env.emulator.dropSession(first.id);
        for (const viewer of viewers) {
          await expect.poll(() => watchStatus(viewer.page), { timeout: 15_000 }).toBe(ENDED);
        }
        await expect
          .poll(() => env.openSessions().some((session) => session.id !== first.id), { timeout: 15_000 })
          .toBe(true);
        await waitForConnected(app.page);
        const newLink = await shareLink(app.page, oldLink);
        const fresh = await openViewer(env.browser, newLink);
        viewers.push(fresh);
        await expectPlaying(fresh.page, "watch-video");
      } finally {
        await Promise.all(viewers.map((viewer) => viewer.close()));
        await app.close();
      }
    },
    VIEWER_TEST_TIMEOUT_MS,
  );

  it(
    "a reference image is uploaded once with a client token and reused by id",
    async () => {
      const app = await openApp(env.browser, env.server.url);
      const uploads: string[] = [];
      app.page.on("request", (request) => {
        if (new URL(request.url()).pathname === "/v1/files" && request.method() === "POST") uploads.push(request.url());
      });
      try {
        await signIn(app.page, "Rosalind");
        await startSession(app.page);
        await waitForConnected(app.page);
        const png = await app.page.evaluate(async () => {
          const canvas = new OffscreenCanvas(32, 32);
          canvas.getContext("2d")!.fillRect(0, 0, 32, 32);
          const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: "image/png" })).arrayBuffer());
          return [...bytes];
        });
        const file = { name: "style.png", mimeType: "image/png", buffer: Buffer.from(png) };
        const input = app.page.getByLabel("Reference image");
        await input.setInputFiles(file);
        const state = app.page.getByTestId("reference-image-state");
        await expect.poll(() => state.textContent(), { timeout: 15_000 }).toMatch(/^Using style\.png \(file_\w+\)$/);
        await expect.poll(() => env.openSessions()[0]?.images).toBe(1);
        // The same file again: no second upload, the same id sent again.
        await app.page.getByRole("button", { name: "Remove" }).click();
        await input.setInputFiles(file);
        await expect.poll(() => state.textContent()).toMatch(/^Using style\.png/);
        expect(uploads).toHaveLength(1);
      } finally {
        await app.close();
      }
    },
    VIEWER_TEST_TIMEOUT_MS,
  );
}
