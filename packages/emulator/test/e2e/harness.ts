import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createTokenRoute, type ExpressTokenPolicy } from "@decart-kit/express";
import express, { type Express } from "express";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../../../test-support/chromium";
import { bundleBrowserPage, TEST_PAGE_HTML } from "../../../../test-support/page-bundle";
import { EMULATOR_API_KEY, type Emulator, startEmulator } from "../../src/index";
import type { PageConfig, PageReport } from "./page/config";

/** What varies between the app's token routes; the key and the emulator's URL are the harness's. */
export type TokenPolicy = Partial<
  Pick<ExpressTokenPolicy, "expiresIn" | "allowedModels" | "allowedOrigins" | "constraints">
>;

export interface Stack {
  emulator: Emulator;
  /** `http://127.0.0.1:PORT` of the app serving the page and its token routes. */
  appUrl: string;
  browser: Browser;
  /** Opens the page, which fetches a token and connects at once. */
  openSession(config: Omit<PageConfig, "realtimeBaseUrl">, origin?: string): Promise<Page>;
  /** Mints a token through one of the app's token routes, as the browser would from `origin`. */
  mintToken(tokenPath: string, origin: string, body?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole loop on loopback: the emulator as Decart, an Express app with `@decart-kit/express` token routes (one
 * per policy, under `/api/token/<name>`) serving the test page, and headless Chromium with a fake camera.
 */
export async function startStack(policiesFor: (appUrl: string) => Record<string, TokenPolicy>): Promise<Stack> {
  const [emulator, script, browser] = await Promise.all([
    startEmulator(),
    bundleBrowserPage(fileURLToPath(new URL("./page/main.ts", import.meta.url))),
    launchChromium(),
  ]);
  // The policies may name the app's own origin, known only once it listens: bind first, mount the app after.
  const app = createServer();
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  app.on("request", createApp(emulator, policiesFor(appUrl), script));
  const pages: Page[] = [];

  return {
    emulator,
    appUrl,
    browser,
    async openSession(config, origin = appUrl) {
      const page = await browser.newPage();
      pages.push(page);
      page.on("pageerror", (error) => console.log(`[page error] ${error.message}`));
      const fullConfig: PageConfig = { ...config, realtimeBaseUrl: emulator.realtimeUrl };
      await page.goto(`${origin}/?config=${encodeURIComponent(JSON.stringify(fullConfig))}`);
      return page;
    },
    async mintToken(tokenPath, origin, body = {}) {
      const response = await fetch(`${appUrl}${tokenPath}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as { apiKey?: string };
      if (!json.apiKey) throw new Error(`token route ${tokenPath} answered ${response.status}`);
      return json.apiKey;
    },
    async close() {
      await Promise.allSettled(pages.map((page) => page.close()));
      await browser.close();
      await new Promise<void>((resolve) => app.close(() => resolve()));
      app.closeAllConnections();
      await emulator.close();
    },
  };
}

/** The app, as a user would write it: the page, and the real Express token route once per policy. */
function createApp(emulator: Emulator, policies: Record<string, TokenPolicy>, script: string): Express {
  const app = express();
  app.get("/page.js", (_req, res) => {
    res.type("text/javascript").send(script);
  });
  for (const [name, policy] of Object.entries(policies)) {
    // Tests mint many tokens from one IP in seconds; rate limiting has its own tests in @decart-kit/express.
    const route = createTokenRoute({
      ...policy,
      apiKey: EMULATOR_API_KEY,
      baseUrl: emulator.url,
      allowAnonymous: true,
      rateLimit: false,
    });
    app.post(`/api/token/${name}`, route);
  }
  app.get("/", (_req, res) => {
    res.type("text/html").send(TEST_PAGE_HTML);
  });
  return app;
}

export function readReport(page: Page): Promise<PageReport> {
  return page.evaluate(() => (window as unknown as { e2e: PageReport }).e2e);
}

/** Polls the page's report until `predicate` holds; fails with the last report when `timeoutMs` runs out. */
export async function waitForReport(
  page: Page,
  predicate: (report: PageReport) => boolean,
  timeoutMs = 15_000,
): Promise<PageReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await readReport(page);
    if (predicate(report)) return report;
    if (Date.now() > deadline) throw new Error(`page never reached the expected state: ${JSON.stringify(report)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The remote <video>'s size and playback position. */
export function remoteVideo(page: Page): Promise<{ width: number; height: number; time: number; frames: number }> {
  return page.evaluate(() => {
    const video = (window as unknown as { remoteVideo: HTMLVideoElement }).remoteVideo;
    const frames = video.getVideoPlaybackQuality().totalVideoFrames;
    return { width: video.videoWidth, height: video.videoHeight, time: video.currentTime, frames };
  });
}
