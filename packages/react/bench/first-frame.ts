import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { EMULATOR_API_KEY, startEmulator } from "@decart-kit/emulator";
import { createTokenRoute } from "@decart-kit/express";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Page } from "playwright-core";
import { launchChromium } from "../../../test-support/chromium";
import { bundleBrowserPage, TEST_PAGE_HTML } from "../../../test-support/page-bundle";
import type { BenchConfig, BenchReport } from "./page";

/**
 * `pnpm bench:hook` (issue 15's speed figures): time to the first remote frame with the hook, with hand-written
 * serial code, and the floor max(camera, token) + the SDK's connect; then drop → first new frame. Real Chromium,
 * the unmodified SDK, the emulator, a token route 150 ms away and a camera that takes 300 ms to start. Run through
 * scripts/bench-hook.mjs, which puts it in a loopback-only network namespace (WebRTC).
 */
const TOKEN_DELAY_MS = 150;
const CAMERA_DELAY_MS = 300;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DROPS = Number(process.env.BENCH_DROPS ?? 5);
const MODEL = "lucy-2.1";

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const ms = (value: number) => `${Math.round(value)} ms`;

const [emulator, script, browser] = await Promise.all([
  startEmulator(),
  bundleBrowserPage(fileURLToPath(new URL("./page.tsx", import.meta.url)), {
    define: { "process.env.NODE_ENV": '"production"' },
    minify: true,
  }),
  launchChromium(),
]);
const app = express();
app.get("/page.js", (_req, res) => {
  res.type("text/javascript").send(script);
});
app.get("/", (_req, res) => {
  res.type("text/html").send(TEST_PAGE_HTML);
});
app.post(
  "/api/realtime-token",
  (_req: Request, _res: Response, next: NextFunction) => setTimeout(next, TOKEN_DELAY_MS),
  createTokenRoute({ apiKey: EMULATOR_API_KEY, baseUrl: emulator.url, allowAnonymous: true, rateLimit: false }),
);
const server = createServer(app);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const read = (page: Page) => page.evaluate(() => (window as unknown as { bench: BenchReport }).bench);

async function until(page: Page, predicate: (report: BenchReport) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await read(page);
    if (predicate(report)) return report;
    if (report.errors.length || Date.now() > deadline) throw new Error(`bench page stuck: ${JSON.stringify(report)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function open(mode: BenchConfig["mode"]): Promise<Page> {
  const config: BenchConfig = {
    mode,
    model: MODEL,
    baseUrl: emulator.url,
    realtimeBaseUrl: emulator.realtimeUrl,
    cameraDelayMs: CAMERA_DELAY_MS,
  };
  const page = await browser.newPage();
  await page.goto(`${appUrl}/?config=${encodeURIComponent(JSON.stringify(config))}`);
  return page;
}

async function firstFrame(mode: BenchConfig["mode"]): Promise<BenchReport> {
  const page = await open(mode);
  try {
    return await until(
      page,
      (r) => r.firstFrameMs !== undefined && (mode === "hook" || r.connectToFrameMs !== undefined),
    );
  } finally {
    await page.close();
  }
}

try {
  await firstFrame("hook"); // warm-up: the emulator's and Chromium's first session is slower than any later one
  const hook: number[] = [];
  const serial: BenchReport[] = [];
  // Alternating, so that a busy moment on the machine weighs on both.
  for (let round = 0; round < ROUNDS; round++) {
    serial.push(await firstFrame("serial"));
    hook.push((await firstFrame("hook")).firstFrameMs!);
  }
  const serialMs = median(serial.map((r) => r.firstFrameMs!));
  const floorMs = median(serial.map((r) => Math.max(r.cameraMs!, r.tokenMs!) + r.connectToFrameMs!));
  const hookMs = median(hook);

  const page = await open("hook");
  await until(page, (r) => r.frameTimes.length === 1);
  const recoveries: number[] = [];
  for (let drop = 1; drop <= DROPS; drop++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const session = emulator.sessions.filter((s) => s.open).at(-1)!;
    const droppedAt = Date.now();
    emulator.dropSession(session.id);
    const report = await until(page, (r) => r.frameTimes.length === drop + 1);
    recoveries.push(report.frameTimes[drop]! - droppedAt);
  }
  await page.close();

  console.log(
    `useDecartRealtime, time to first remote frame (Chromium, emulator, token route +${TOKEN_DELAY_MS} ms, ` +
      `camera ${CAMERA_DELAY_MS} ms; median of ${ROUNDS}):`,
  );
  console.log(`  hook                                    ${ms(hookMs)}  (${(hookMs / serialMs).toFixed(2)} of serial)`);
  console.log(`  hand-written serial code                ${ms(serialMs)}`);
  console.log(
    `  floor: max(camera, token) + SDK connect ${ms(floorMs)}  (${(floorMs / serialMs).toFixed(2)} of serial; ` +
      `hook − floor ${hookMs - floorMs >= 0 ? "+" : ""}${ms(hookMs - floorMs)})`,
  );
  console.log(
    `  each run, hook: ${hook.map(ms).join(", ")}; serial: ${serial.map((r) => ms(r.firstFrameMs!)).join(", ")}`,
  );
  console.log(
    `useDecartRealtime, drop → first new frame: median ${ms(median(recoveries))} over ${DROPS} drops ` +
      `(${recoveries.map(ms).join(", ")}; goal ≤ 800 ms)`,
  );
} finally {
  await browser.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await emulator.close();
}
