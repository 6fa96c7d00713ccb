import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { type Emulator, startEmulator } from "@decart-kit/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../../test-support/chromium";
import { allEnded, cameraTrackStates, expectPlaying, openApp, signIn, startSession, waitForConnected } from "./browser";
import { describeErrorMessages } from "./error-messages";
import { describePageBehaviour } from "./page-behaviour";
import { buildPage } from "./page-build";
import { describeSessionAdmission } from "./session-admission";
import type { SuiteEnv } from "./suite-env";
import { describeViewers } from "./viewers";

export interface ExampleServerOptions {
  emulator: Emulator;
  port: number;
  /** The built page; omitted together with `dev: true`. */
  clientDir?: string;
  dev?: boolean;
  tokenExpiresIn?: number;
  maxSessionDuration?: number;
}

/** What the shared browser suite needs from an example: where it lives and how to start its server. */
export interface ExampleUnderTest {
  name: string;
  root: string;
  startServer(options: ExampleServerOptions): Promise<{ url: string; close(): Promise<void> }>;
  /** Also run the tests of what the page does on its own (the same for every server): one example does. */
  pageBehaviour?: boolean;
}

/** The browser tests of issue 7, run the same way against each example's own server. */
export function describeExample(example: ExampleUnderTest): void {
  describe(`${example.name}: the example app in Chromium`, () => {
    const env = {
      openSessions: () => env.emulator.sessions.filter((session) => session.open),
    } as SuiteEnv;
    const outputDir = join(example.root, "test-results");

    beforeAll(async () => {
      [env.clientDir, env.emulator, env.browser] = await Promise.all([
        buildPage(example.root),
        startEmulator(),
        launchChromium(),
      ]);
      env.server = await example.startServer({ emulator: env.emulator, clientDir: env.clientDir, port: 0 });
      mkdirSync(outputDir, { recursive: true });
    }, 120_000);

    afterAll(async () => {
      await env.browser?.close();
      await env.server?.close();
      await env.emulator?.close();
      if (env.clientDir) await rm(env.clientDir, { recursive: true, force: true });
    });

    afterEach(async () => {
      // Whatever a test did, closing its page must leave nothing open on the env.emulator.
      await expect.poll(() => env.openSessions().length, { timeout: 10_000 }).toBe(0);
    });

    it("signs in and connects: both videos play, the status says so, one token request under StrictMode", async () => {
      const app = await openApp(env.browser, env.server.url);
      try {
        await signIn(app.page, "Ada");
        const issuedBefore = env.emulator.issued.length;
        await startSession(app.page);
        await waitForConnected(app.page);
        await expectPlaying(app.page, "local-video");
        await expectPlaying(app.page, "remote-video");

        expect(app.tokenRequests).toEqual(["POST"]);
        expect(env.emulator.issued.length - issuedBefore).toBe(1);
        expect(env.openSessions()).toHaveLength(1);
        // The token carries the policy: the user in its metadata and the session limit.
        expect(env.emulator.issued.at(-1)?.options).toMatchObject({
          metadata: { userId: "user_ada" },
          constraints: { realtime: { maxSessionDuration: 300 } },
        });
        await expect.poll(() => app.page.locator(".countdown").textContent()).toMatch(/\d:\d\d left/);

        await app.page.screenshot({ path: join(outputDir, "connected.png") });
        await app.page.setViewportSize({ width: 390, height: 844 });
        await app.page.screenshot({ path: join(outputDir, "connected-phone.png"), fullPage: true });
      } finally {
        await app.close();
      }
    });

    it("a prompt typed into the box reaches the running session", async () => {
      const app = await openApp(env.browser, env.server.url);
      try {
        await signIn(app.page, "Grace");
        await startSession(app.page);
        await waitForConnected(app.page);

        const promptBox = app.page.getByLabel("Style prompt");
        await promptBox.fill("Watercolor portrait, soft pastel palette");
        await promptBox.press("Enter");
        await expect
          .poll(() => env.openSessions()[0]?.prompts ?? [])
          .toContain("Watercolor portrait, soft pastel palette");
      } finally {
        await app.close();
      }
    });

    it("Stop, signing out and navigating away each end every camera track and the session", async () => {
      const app = await openApp(env.browser, env.server.url);
      try {
        await signIn(app.page, "Linus");
        const connect = async () => {
          await startSession(app.page);
          await waitForConnected(app.page);
          expect(env.openSessions()).toHaveLength(1);
        };

        await connect();
        await app.page.getByRole("button", { name: "Stop" }).click();
        await expect.poll(() => cameraTrackStates(app.page)).toSatisfy(allEnded);
        await expect.poll(() => env.openSessions().length).toBe(0);

        // Signing out unmounts the studio mid-session.
        await connect();
        await app.page.getByRole("button", { name: "Sign out" }).click();
        await app.page.getByLabel("Your name").waitFor();
        await expect.poll(() => cameraTrackStates(app.page)).toSatisfy(allEnded);
        await expect.poll(() => env.openSessions().length).toBe(0);

        await signIn(app.page, "Linus");
        await connect();
        await app.page.goto("about:blank");
        await expect.poll(() => env.openSessions().length, { timeout: 10_000 }).toBe(0);
      } finally {
        await app.close();
      }
    });

    describeErrorMessages(env);
    if (example.pageBehaviour) describePageBehaviour(env, example);
    if (example.pageBehaviour) describeSessionAdmission(env, example);
    describeViewers(env, { full: example.pageBehaviour === true });

    it("the session drops after its token expired: the page reconnects with a fresh token and plays again", async () => {
      const shortLived = await example.startServer({
        emulator: env.emulator,
        clientDir: env.clientDir,
        port: 0,
        tokenExpiresIn: 2,
      });
      const app = await openApp(env.browser, shortLived.url);
      try {
        await signIn(app.page, "Margaret");
        await startSession(app.page);
        await waitForConnected(app.page);
        await expectPlaying(app.page, "remote-video");
        const first = env.openSessions()[0]!;
        const expiry = Date.parse(env.emulator.issued.at(-1)!.expiresAt);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiry - Date.now()) + 200));
        const requestsBefore = app.tokenRequests.length;
        // An expired token never ends a session that is already open.
        expect(env.openSessions().map((session) => session.id)).toContain(first.id);

        env.emulator.dropSession(first.id);
        await expect
          .poll(() => env.openSessions().find((session) => session.id !== first.id), { timeout: 15_000 })
          .toBeTruthy();
        const second = env.openSessions().find((session) => session.id !== first.id)!;
        expect(second.token).not.toBe(first.token);
        expect(app.tokenRequests.length).toBeGreaterThan(requestsBefore);
        await waitForConnected(app.page);
        await expectPlaying(app.page, "remote-video");
      } finally {
        await app.close();
        await shortLived.close();
      }
    });

    it("development mode: Vite serves the page with hot reload, and it connects the same way", async () => {
      const dev = await example.startServer({ emulator: env.emulator, port: 0, dev: true });
      const app = await openApp(env.browser, dev.url);
      try {
        expect(await app.page.locator('script[src="/@vite/client"]').count()).toBe(1);
        await signIn(app.page, "Katherine");
        await startSession(app.page);
        await waitForConnected(app.page);
        await expectPlaying(app.page, "remote-video");
      } finally {
        await app.close();
        await dev.close();
      }
    });
  });
}
