import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { EMULATOR_API_KEY, type Emulator, type EmulatorOptions, startEmulator } from "@decart-kit/emulator";
import { createTokenRoute, type ExpressTokenPolicy } from "@decart-kit/express";
import express from "express";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../../../test-support/chromium";
import { bundleBrowserPage, TEST_PAGE_HTML } from "../../../../test-support/page-bundle";
import type { PageConfig, PageReport } from "./page/config";

export interface Stack {
  emulator: Emulator;
  browser: Browser;
  open(config: Omit<PageConfig, "baseUrl" | "realtimeBaseUrl">): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The loop on loopback: the emulator as Decart, an Express app serving the page and `@decart-kit/express`'s token
 * route at the hook's default path (and one more for short sessions), and headless Chromium with a fake camera.
 */
export async function startStack(
  policy: Partial<ExpressTokenPolicy>,
  emulatorOptions: EmulatorOptions = {},
): Promise<Stack> {
  const [emulator, script, browser] = await Promise.all([
    startEmulator(emulatorOptions),
    bundleBrowserPage(fileURLToPath(new URL("./page/main.tsx", import.meta.url)), {
      define: { "process.env.NODE_ENV": '"production"' },
    }),
    launchChromium(),
  ]);
  const app = express();
  app.get("/page.js", (_req, res) => {
    res.type("text/javascript").send(script);
  });
  const base = { apiKey: EMULATOR_API_KEY, baseUrl: emulator.url, allowAnonymous: true, rateLimit: false } as const;
  app.post("/api/realtime-token", createTokenRoute({ ...base, ...policy }));
  // Sessions the server ends after the shortest duration Decart allows.
  app.post(
    "/api/short-session-token",
    createTokenRoute({ ...base, ...policy, constraints: { realtime: { maxSessionDuration: 10 } } }),
  );
  // Viewers get their own route, bounded as the README shows: short tokens, the shortest sessions.
  app.post(
    "/api/viewer-token",
    createTokenRoute({ ...base, expiresIn: 30, constraints: { realtime: { maxSessionDuration: 10 } } }),
  );
  app.get("/", (_req, res) => {
    res.type("text/html").send(TEST_PAGE_HTML);
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pages: Page[] = [];
  return {
    emulator,
    browser,
    async open(config) {
      const page = await browser.newPage();
      pages.push(page);
      page.on("pageerror", (error) => console.log(`[page error] ${error.message}`));
      const full: PageConfig = { ...config, baseUrl: emulator.url, realtimeBaseUrl: emulator.realtimeUrl };
      await page.goto(`${appUrl}/?config=${encodeURIComponent(JSON.stringify(full))}`);
      return page;
    },
    async close() {
      await Promise.allSettled(pages.map((page) => page.close()));
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await emulator.close();
    },
  };
}

export function report(page: Page): Promise<PageReport> {
  return page.evaluate(() => (window as unknown as { e2e: PageReport }).e2e);
}

/** Polls the page until `predicate` holds on its report; fails with the last report after `timeoutMs`. */
export async function waitFor(page: Page, predicate: (report: PageReport) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await report(page);
    if (predicate(current)) return current;
    if (Date.now() > deadline) throw new Error(`the page never got there: ${JSON.stringify(current)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How far the remote <video> plays in `ms`: its currentTime gain and the frames it decoded meanwhile. */
export async function playback(page: Page, ms = 1500): Promise<{ seconds: number; frames: number; width: number }> {
  const read = () =>
    page.evaluate(() =>
      (
        window as unknown as { remoteVideo: () => { time: number; frames: number; width: number } | null }
      ).remoteVideo(),
    );
  const before = await read();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await read();
  return {
    seconds: (after?.time ?? 0) - (before?.time ?? 0),
    frames: (after?.frames ?? 0) - (before?.frames ?? 0),
    width: after?.width ?? 0,
  };
}

export function cameraTracks(page: Page): Promise<{ id: string; state: string; clone: boolean }[]> {
  return page.evaluate(() =>
    (window as unknown as { cameraTracks: () => { id: string; state: string; clone: boolean }[] }).cameraTracks(),
  );
}
