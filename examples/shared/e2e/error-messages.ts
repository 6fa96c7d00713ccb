import { expect, it } from "vitest";
import { allEnded, cameraTrackStates, openApp, signIn, startSession } from "./browser";
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

  it("rate limited: after a burst of token requests the page says when to try again", async () => {
    const app = await openApp(env.browser, env.server.url);
    try {
      await signIn(app.page, "Radia");
      // Use up this user's tokens for the minute (the policy's default rate limit) from the page itself, giving
      // each session lease back at once (releases cost no tokens), as a user starting and stopping would.
      const statuses = await app.page.evaluate(async () => {
        const post = (body: object) =>
          fetch("/api/realtime-token", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
        const mint = async () => {
          const response = await post({});
          const lease = (await response.json()).lease;
          if (lease) await post({ release: lease.id });
          return response.status;
        };
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
