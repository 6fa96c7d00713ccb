import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { EMULATOR_API_KEY, type Emulator, startEmulator } from "@decart-kit/emulator";
import {
  describeViewers,
  expectPlaying,
  openApp,
  type SuiteEnv,
  signIn,
  startSession,
  waitForConnected,
} from "@examples/shared/e2e";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../../test-support/chromium";

const exampleRoot = fileURLToPath(new URL("..", import.meta.url));
const nextBin = fileURLToPath(new URL("../node_modules/next/dist/bin/next", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** Runs `next <args>` in the example; resolves with the child once `ready` matches its output. */
function next(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, [nextBin, ...args], {
    cwd: exampleRoot,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve(child);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`next ${args[0]} exited with ${code}:\n${output.slice(-3000)}`)));
  });
}

describe("nextjs: the App Router example in Chromium", () => {
  let emulator: Emulator;
  let browser: Browser;
  let server: ChildProcess | undefined;
  let url: string;
  // The shared viewer tests (share link, /watch page, /api/viewer-token) read this once the server is up.
  const viewerEnv = { openSessions: () => emulator.sessions.filter((session) => session.open) } as SuiteEnv;

  beforeAll(async () => {
    emulator = await startEmulator();
    const build = await next(["build"], {}, /Route \(app\)/);
    await new Promise((resolve) => build.once("exit", resolve));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // The test's emulator stands in for Decart, as `instrumentation.ts` would start one itself.
    const env = {
      DECART_API_KEY: EMULATOR_API_KEY,
      DECART_BASE_URL: emulator.url,
      DECART_REALTIME_URL: emulator.realtimeUrl,
    };
    [server, browser] = await Promise.all([
      next(["start", "--port", String(port), "--hostname", "127.0.0.1"], env, /Ready/),
      launchChromium(),
    ]);
    Object.assign(viewerEnv, { emulator, browser, server: { url, close: async () => {} } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill("SIGTERM");
    await emulator?.close();
  });

  it("next build, then: sign in, connect through the route handler, both videos play, a prompt arrives", async () => {
    const app = await openApp(browser, url);
    try {
      await signIn(app.page, "Ada");
      await startSession(app.page);
      await waitForConnected(app.page);
      await expectPlaying(app.page, "local-video");
      await expectPlaying(app.page, "remote-video");
      expect(app.tokenRequests).toEqual(["POST"]);
      expect(emulator.issued.at(-1)?.options).toMatchObject({ metadata: { userId: "user_ada" } });

      await app.page.getByLabel("Style prompt").fill("Pencil sketch");
      await app.page.getByLabel("Style prompt").press("Enter");
      await expect
        .poll(() => emulator.sessions.find((session) => session.open)?.prompts ?? [])
        .toContain("Pencil sketch");

      await app.page.getByRole("button", { name: "Stop" }).click();
      await expect.poll(() => emulator.sessions.filter((session) => session.open).length).toBe(0);
    } finally {
      await app.close();
    }
  });

  it("the second way: a server action mints under the same policy (refused signed out, issued signed in)", async () => {
    const app = await openApp(browser, url);
    try {
      const { page } = app;
      const outcome = page.getByTestId("action-outcome");
      const before = emulator.issued.length;
      await page.goto(`${url}/server-action`);
      await page.getByRole("button", { name: "Mint with the server action" }).click();
      await expect.poll(() => outcome.textContent()).toBe("refused: unauthorized");
      expect(emulator.issued.length).toBe(before);

      await page.goto(url);
      await signIn(page, "Grace");
      await page.goto(`${url}/server-action`);
      await page.getByRole("button", { name: "Mint with the server action" }).click();
      await expect.poll(() => outcome.textContent()).toMatch(/^issued for lucy-2\.1, expires /);
      expect(emulator.issued.at(-1)?.options).toMatchObject({
        allowedModels: ["lucy-2.1"],
        allowedOrigins: [url],
        metadata: { userId: "user_grace" },
      });
      // The action talks to Next's action endpoint, not to the token route.
      expect(app.tokenRequests).toEqual([]);
    } finally {
      await app.close();
    }
  });

  describeViewers(viewerEnv, { full: false });
});
