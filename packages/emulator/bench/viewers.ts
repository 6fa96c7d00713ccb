// `pnpm bench:viewers`: how many viewers of one session the emulator keeps at the publisher's frame rate.
// Runs inside a loopback-only network namespace (see scripts/bench-viewers.mjs).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { launchChromium } from "../../../test-support/chromium";
import { bundleBrowserPage, TEST_PAGE_HTML } from "../../../test-support/page-bundle";
import { EMULATOR_API_KEY, startEmulator } from "../src/index";

const STEPS = [1, 2, 4, 6, 8, 12, 16, 24, 32];
const WARMUP_MS = 4000;
const WINDOW_MS = 6000;
const THRESHOLD = 0.98;

type BenchWindow = { ready: boolean; error?: string; subscribeToken?: string; streams: number };

async function waitUntil(page: Page, predicate: (bench: BenchWindow) => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await page.evaluate(() => {
      const { ready, error, subscribeToken, streams } = window as unknown as BenchWindow;
      return { ready, error, subscribeToken, streams };
    });
    if (state.error) throw new Error(`${what}: ${state.error}`);
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`${what}: timed out (${JSON.stringify(state)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const frames = (page: Page) =>
  page.evaluate(() => (window as unknown as { framesReceived(): Promise<number[]> }).framesReceived());

const [emulator, script, browser] = await Promise.all([
  startEmulator(),
  bundleBrowserPage(fileURLToPath(new URL("./page.ts", import.meta.url))),
  launchChromium(),
]);
const site = createServer((req, res) => {
  const isScript = req.url === "/page.js";
  res.writeHead(200, { "content-type": isScript ? "text/javascript" : "text/html" });
  res.end(isScript ? script : TEST_PAGE_HTML);
});
await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
const open = async (config: Record<string, unknown>) => {
  const page = await browser.newPage();
  const full = { apiKey: EMULATOR_API_KEY, baseUrl: emulator.url, realtimeBaseUrl: emulator.realtimeUrl, ...config };
  await page.goto(`${siteUrl}/?config=${encodeURIComponent(JSON.stringify(full))}`);
  return page;
};

let kept = 0;
try {
  const publisher = await open({ role: "publish" });
  const { subscribeToken } = await waitUntil(publisher, (b) => b.ready && b.streams > 0, "publisher");
  console.log("viewers  publisher fps  worst viewer fps  worst received ÷ sent");
  for (const viewers of STEPS) {
    const watching = await open({ role: "watch", subscribeToken, viewers });
    await waitUntil(watching, (b) => b.ready && b.streams >= viewers, `${viewers} viewers`);
    await watching.waitForTimeout(WARMUP_MS);
    const [sentBefore, receivedBefore] = await Promise.all([frames(publisher), frames(watching)]);
    await watching.waitForTimeout(WINDOW_MS);
    const [sentAfter, receivedAfter] = await Promise.all([frames(publisher), frames(watching)]);
    await watching.close();
    const sent = (sentAfter[0] ?? 0) - (sentBefore[0] ?? 0);
    const received = receivedAfter.map((after, index) => after - (receivedBefore[index] ?? 0));
    const worst = received.length === viewers ? Math.min(...received) : 0;
    const ratio = sent > 0 ? worst / sent : 0;
    const fps = (count: number) => (count / (WINDOW_MS / 1000)).toFixed(1).padStart(6);
    console.log(`${String(viewers).padStart(7)}  ${fps(sent)}         ${fps(worst)}            ${ratio.toFixed(3)}`);
    if (ratio < THRESHOLD) break;
    kept = viewers;
  }
} finally {
  await browser.close();
  site.close();
  await emulator.close();
}
console.log(
  `[benchmark] emulator fan-out: ${kept} viewers of one session keep ≥ ${THRESHOLD * 100}% of the publisher's ` +
    `frames (largest step passed of ${STEPS.join(", ")}; viewers share one Chromium page, frames counted as received)`,
);
