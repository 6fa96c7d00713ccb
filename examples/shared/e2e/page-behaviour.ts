import { startEmulator } from "@decart-kit/emulator";
import { expect, it } from "vitest";
import {
  allEnded,
  blockCamera,
  cameraTrackStates,
  expectPlaying,
  launchChromiumWithoutLoopbackWebRtc,
  openApp,
  signIn,
  startSession,
  waitForConnected,
} from "./browser";
import type { ExampleUnderTest } from "./suite";
import type { SuiteEnv } from "./suite-env";

/**
 * What the page does on its own, whatever server sent it: the queue, the end of a session, the camera blocked, a
 * network failure, a browser without loopback WebRTC. One example runs these; the server-specific tests run in all.
 */
export function describePageBehaviour(env: SuiteEnv, example: ExampleUnderTest): void {
  it("a browser that refuses WebRTC over loopback: the page explains the setting instead of spinning", async () => {
    // What `npm start` users meet in an everyday Chrome: the emulator's media is on 127.0.0.1 only.
    const everyday = await launchChromiumWithoutLoopbackWebRtc();
    try {
      const app = await openApp(everyday, env.server.url);
      await signIn(app.page, "Lovelace");
      await startSession(app.page);
      await app.page.getByTestId("slow-connect-hint").waitFor({ timeout: 15_000 });
      expect(await app.page.getByTestId("slow-connect-hint").textContent()).toContain(
        "--allow-loopback-in-peer-connection",
      );
    } finally {
      await everyday.close();
    }
  });

  it("camera blocked: the page says how to allow it, and Try again connects once it is allowed", async () => {
    const app = await openApp(env.browser, env.server.url);
    try {
      await signIn(app.page, "Hedy");
      await blockCamera(app.page, true);
      await startSession(app.page);
      const notice = app.page.getByTestId("error-notice");
      await expect.poll(() => notice.getAttribute("data-code")).toBe("camera_denied");
      expect(await notice.textContent()).toContain("Camera access is blocked");
      expect(env.openSessions()).toHaveLength(0);

      await blockCamera(app.page, false);
      await notice.getByRole("button", { name: "Try again" }).click();
      await waitForConnected(app.page);
      await expectPlaying(app.page, "remote-video");
    } finally {
      await app.close();
    }
  });

  it("network failure on the token request: a connection-problem message, and Try again recovers", async () => {
    const app = await openApp(env.browser, env.server.url);
    try {
      await signIn(app.page, "Alan");
      await app.page.route("**/api/realtime-token", (route) => route.abort("connectionfailed"));
      await startSession(app.page);
      const notice = app.page.getByTestId("error-notice");
      await expect.poll(() => notice.getAttribute("data-code")).toBe("token_fetch_failed");
      expect(await notice.textContent()).toContain("Connection problem");

      await app.page.unroute("**/api/realtime-token");
      await notice.getByRole("button", { name: "Try again" }).click();
      await waitForConnected(app.page);
    } finally {
      await app.close();
    }
  });

  it("the session reaches its maxSessionDuration: the countdown runs out, the page says so and starts anew", async () => {
    const short = await example.startServer({
      emulator: env.emulator,
      clientDir: env.clientDir,
      port: 0,
      maxSessionDuration: 10,
    });
    const app = await openApp(env.browser, short.url);
    try {
      await signIn(app.page, "Hopper");
      await startSession(app.page);
      await waitForConnected(app.page);
      await expect.poll(() => app.page.locator(".countdown").textContent()).toMatch(/0:(0\d|10) left/);

      const notice = app.page.getByTestId("error-notice");
      await expect.poll(() => notice.getAttribute("data-code"), { timeout: 20_000 }).toBe("session_ended");
      expect(await notice.textContent()).toContain("Session ended");
      await expect.poll(() => cameraTrackStates(app.page)).toSatisfy(allEnded);
      expect(env.openSessions()).toHaveLength(0);

      await notice.getByRole("button", { name: "Start a new session" }).click();
      await waitForConnected(app.page);
    } finally {
      await app.close();
      await short.close();
    }
  });

  it("while the session waits in Decart's queue, the page shows its place in line, then connects", async () => {
    const queued = await startEmulator({ realtime: { queuePositions: 3, queueStepMs: 600 } });
    const queuedServer = await example.startServer({ emulator: queued, clientDir: env.clientDir, port: 0 });
    const app = await openApp(env.browser, queuedServer.url);
    try {
      await signIn(app.page, "Frances");
      await startSession(app.page);
      await expect.poll(() => app.page.locator("output.status").textContent()).toMatch(/In queue · #[123]/);
      await expect.poll(() => app.page.getByTestId("remote-video").textContent()).toMatch(/Waiting in line: #\d of 3/);
      await waitForConnected(app.page);
    } finally {
      await app.close();
      await queuedServer.close();
      await queued.close();
    }
  });
}
