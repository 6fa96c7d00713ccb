import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../../../test-support/chromium";
import { EMULATOR_API_KEY, type Emulator, startEmulator } from "../../src/index";
import type { PageConfig, PageReport } from "./page/config";
import { bundleTestPage, testPageHtml } from "./page-bundle";

/** A token route's policy, as an app would configure it. */
export interface TokenPolicy {
  expiresIn?: number;
  allowedModels?: string[];
  allowedOrigins?: string[];
  constraints?: { realtime?: { maxSessionDuration?: number } };
}

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
 * The whole loop on loopback: the emulator as Decart, an app server with token routes (one per policy, under
 * `/api/token/<name>`) serving the test page, and headless Chromium with a fake camera.
 */
export async function startStack(policiesFor: (appUrl: string) => Record<string, TokenPolicy>): Promise<Stack> {
  const [emulator, script, browser] = await Promise.all([startEmulator(), bundleTestPage(), launchChromium()]);
  const policies: Record<string, TokenPolicy> = {};
  const app = createAppServer(emulator, policies, script);
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  Object.assign(policies, policiesFor(appUrl));
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

/**
 * The app: serves the page and, under `/api/token/<name>`, a token route for each policy. Until the Express
 * adapter is in the workspace this mints straight from the emulator with the app's permanent key.
 */
function createAppServer(emulator: Emulator, policies: Record<string, TokenPolicy>, script: string): Server {
  return createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://app").pathname;
    if (path === "/page.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      return;
    }
    const policyName = path.startsWith("/api/token/") ? path.slice("/api/token/".length) : undefined;
    if (policyName !== undefined && req.method === "POST") {
      const policy = policies[policyName];
      if (!policy) return void res.writeHead(404).end();
      const upstream = await fetch(`${emulator.url}/v1/client/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": EMULATOR_API_KEY },
        body: JSON.stringify({ expiresIn: 60, ...policy }),
      });
      res.writeHead(upstream.status, { "content-type": "application/json" }).end(await upstream.text());
      return;
    }
    res.writeHead(200, { "content-type": "text/html" }).end(testPageHtml());
  });
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
