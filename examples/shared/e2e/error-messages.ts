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
import type { SuiteEnv } from "./suite-env";

/** Each error a user can run into shows its own message, with the way out that fixes it. */
export function describeErrorMessages(env: SuiteEnv): void {
  it("not signed in: the page asks to sign in, and no token or session is handed out", async () => {
    const app = await openApp(env.browser, env.server.url);
    try {
      const issuedBefore = env.emulator.issued.length;
      await startSession(app.page);
      const notice = app.page.getByTestId("error-notice");
      await expect.poll(() => notice.getAttribute("data-code")).toBe("unauthorized");
      expect(await notice.textContent()).toContain("You're not signed in");
      await expect.poll(() => cameraTrackStates(app.page)).toSatisfy(allEnded);
      expect(env.emulator.issued.length).toBe(issuedBefore);
      expect(env.openSessions()).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it("signed out elsewhere (the cookie is gone): the page asks to sign in again and shows the form", async () => {
    const app = await openApp(env.browser, env.server.url);
    try {
      await signIn(app.page, "Ida");
      await app.page.context().clearCookies();
      await startSession(app.page);
      const notice = app.page.getByTestId("error-notice");
      await expect.poll(() => notice.getAttribute("data-code")).toBe("unauthorized");
      await notice.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(() => app.page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("name");
      expect(env.openSessions()).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

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

  it("rate limited: after a burst of token requests the page says when to try again", async () => {
    const app = await openApp(env.browser, env.server.url);
    try {
      await signIn(app.page, "Radia");
      // Use up this user's tokens for the minute (the policy's default rate limit) from the page itself.
      const statuses = await app.page.evaluate(async () => {
        const mint = () => fetch("/api/realtime-token", { method: "POST" }).then((response) => response.status);
        const answers: number[] = [];
        for (let i = 0; i < 12; i++) answers.push(await mint());
        return answers;
      });
      expect(statuses).toContain(429);
      await startSession(app.page);
      const notice = app.page.getByTestId("error-notice");
      await expect.poll(() => notice.getAttribute("data-code")).toBe("rate_limited");
      expect(await notice.textContent()).toMatch(/Try again in \d+ s/);
      expect(env.openSessions()).toHaveLength(0);
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

  it("a model outside the policy: the page says the model is not enabled and opens no session", async () => {
    const app = await openApp(env.browser, `${env.server.url}/?model=lucy-2.5`);
    try {
      await signIn(app.page, "Barbara");
      const issuedBefore = env.emulator.issued.length;
      await startSession(app.page);
      const notice = app.page.getByTestId("error-notice");
      await expect.poll(() => notice.getAttribute("data-code")).toBe("model_not_allowed");
      expect(await notice.textContent()).toContain("That model isn't enabled");
      expect(env.emulator.issued.length).toBe(issuedBefore);
      expect(env.openSessions()).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
}
