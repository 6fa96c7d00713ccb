import { expect, it } from "vitest";
import { type AppPage, openApp, signIn, startSession, waitForConnected } from "./browser";
import type { ExampleUnderTest } from "./suite";
import type { SuiteEnv } from "./suite-env";

/** What the page shows while the app's own line holds the session back (status badge and remote panel). */
async function expectInLine(app: AppPage, position: number): Promise<void> {
  const text = `You're #${position} in line`;
  await expect.poll(() => app.page.locator("output.status").textContent(), { timeout: 10_000 }).toBe(text);
  await expect.poll(() => app.page.getByTestId("remote-video").textContent()).toContain(text);
}

/**
 * Session admission as the example configures it (2 sessions in all, 1 per user, a line): a third visitor waits
 * with their place shown, and gets in when someone stops or closes their tab. Needs the hook's side of issue 13
 * (202 handling with `queuePosition.source === "app"`, release on stop and page hide).
 */
export function describeSessionAdmission(env: SuiteEnv, example: ExampleUnderTest): void {
  it("cap of 2: a third page shows its place in line and connects when one of the first two stops or closes its tab", async () => {
    // A server of its own: its slots start empty whatever earlier tests left behind.
    const server = await example.startServer({ emulator: env.emulator, clientDir: env.clientDir, port: 0 });
    const apps: AppPage[] = [];
    // Other tests' sessions are closed by now (afterEach), so every open session on the emulator is one of ours.
    let mostOpen = 0;
    const sampler = setInterval(() => {
      mostOpen = Math.max(mostOpen, env.openSessions().length);
    }, 20);
    try {
      for (const name of ["Ann", "Ben", "Cy"]) {
        const app = await openApp(env.browser, server.url);
        apps.push(app);
        await signIn(app.page, name);
      }
      const [ann, ben, cy] = apps as [AppPage, AppPage, AppPage];
      await startSession(ann.page);
      await waitForConnected(ann.page);
      await startSession(ben.page);
      await waitForConnected(ben.page);

      await startSession(cy.page);
      await expectInLine(cy, 1);
      expect(env.openSessions()).toHaveLength(2);

      // Ann stops: her slot goes to Cy, the first in line.
      await ann.page.getByRole("button", { name: "Stop" }).click();
      await waitForConnected(cy.page, 20_000);
      await expect.poll(() => env.openSessions().length).toBe(2);

      // Ann asks again and waits; Ben closes his tab without pressing anything: Ann gets in.
      await startSession(ann.page);
      await expectInLine(ann, 1);
      await ben.page.close();
      await waitForConnected(ann.page, 20_000);
      await expect.poll(() => env.openSessions().length).toBe(2);
      expect(mostOpen).toBe(2);
    } finally {
      clearInterval(sampler);
      await Promise.all(apps.map((app) => app.close()));
      await server.close();
    }
  }, 120_000);
}
