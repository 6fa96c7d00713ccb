import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../../test-support/chromium";

/**
 * Keeps a reference to every camera track the page opens or clones (the hook hands the SDK clones), so a test
 * can check that each one ended. Observes browser APIs only; the SDK and the hook run unmodified.
 */
const RECORD_CAMERA_TRACKS = () => {
  // Pages without camera access (about:blank after navigating away) have nothing to record.
  if (typeof MediaDevices === "undefined") return;
  const tracks: MediaStreamTrack[] = [];
  (window as unknown as { __cameraTracks: MediaStreamTrack[] }).__cameraTracks = tracks;
  const getUserMedia = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = async function (this: MediaDevices, constraints) {
    // What the browser answers once the user blocked the camera (the fake-UI flag always allows it).
    if ((window as unknown as { __blockCamera?: boolean }).__blockCamera) {
      throw new DOMException("Permission denied", "NotAllowedError");
    }
    const stream = await getUserMedia.call(this, constraints);
    tracks.push(...stream.getTracks());
    return stream;
  };
  const clone = MediaStreamTrack.prototype.clone;
  MediaStreamTrack.prototype.clone = function (this: MediaStreamTrack) {
    const copy = clone.call(this);
    tracks.push(copy);
    return copy;
  };
};

/** The test Chromium minus the flag that allows WebRTC over 127.0.0.1: how an everyday browser behaves. */
export function launchChromiumWithoutLoopbackWebRtc(): Promise<Browser> {
  const args = CHROMIUM_ARGS.filter((arg) => arg !== "--allow-loopback-in-peer-connection");
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}

export interface AppPage {
  page: Page;
  /** Requests the page made to the token endpoint. */
  tokenRequests: string[];
  close(): Promise<void>;
}

export async function openApp(browser: Browser, url: string): Promise<AppPage> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 820 } });
  await context.addInitScript(RECORD_CAMERA_TRACKS);
  const page = await context.newPage();
  // A failing test is far easier to read with what the page itself complained about.
  page.on("pageerror", (error) => console.error(`[page error] ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") console.error(`[page console] ${message.text()}`);
  });
  const tokenRequests: string[] = [];
  const releases: Promise<unknown>[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname !== "/api/realtime-token") return;
    tokenRequests.push(request.method());
    if (request.postData()?.includes('"release"')) releases.push(request.response().catch(() => null));
  });
  await page.goto(url);
  await page.getByRole("button", { name: /start session/i }).waitFor({ timeout: 10_000 });
  // Closing is a user leaving the page: it hides (the hook gives its session lease back), then the browser goes.
  // Waiting for those releases keeps one test's lease from taking the next test's slot.
  const close = async () => {
    await page.goto("about:blank").catch(() => undefined);
    await Promise.race([Promise.all(releases), new Promise((resolve) => setTimeout(resolve, 3000))]);
    await context.close();
  };
  return { page, tokenRequests, close };
}

export async function signIn(page: Page, name: string): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => page.getByTestId("signed-in-user").textContent()).toBe(name);
}

export async function startSession(page: Page): Promise<void> {
  await page.getByRole("button", { name: /start session/i }).click();
}

/** The status the page shows (`data-status` on the status badge). */
export function shownStatus(page: Page): Promise<string | null> {
  return page.locator("output.status").getAttribute("data-status");
}

/** Waits for the session to be up; if the page shows an error instead, fails with what the page says. */
export async function waitForConnected(page: Page, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const status = await shownStatus(page);
    if (status === "connected" || status === "generating") return;
    if (status === "error" || Date.now() > deadline) {
      const alert = page.getByTestId("error-notice");
      const shown =
        (await alert.count()) > 0 ? `${await alert.getAttribute("data-code")}: ${await alert.textContent()}` : "";
      throw new Error(`The session did not connect (status ${status}) ${shown}`);
    }
    await page.waitForTimeout(100);
  }
}

/** True when the panel's video has frames and its clock moves: it plays, it is not frozen. */
export function isPlaying(page: Page, testId: string): Promise<boolean> {
  return page.evaluate(async (id) => {
    const video = document.querySelector<HTMLVideoElement>(`[data-testid="${id}"] video`);
    if (!video || video.videoWidth === 0) return false;
    const before = video.currentTime;
    await new Promise((resolve) => setTimeout(resolve, 600));
    return video.videoWidth > 0 && video.currentTime > before;
  }, testId);
}

export async function expectPlaying(page: Page, testId: string): Promise<void> {
  await expect.poll(() => isPlaying(page, testId), { timeout: 15_000, interval: 200 }).toBe(true);
}

/** Makes the camera behave as if the user blocked it for this site (or allowed it again). */
export async function blockCamera(page: Page, blocked: boolean): Promise<void> {
  await page.evaluate((value) => {
    (window as unknown as { __blockCamera?: boolean }).__blockCamera = value;
  }, blocked);
}

/** Every camera track the page opened or cloned has ended (and there was at least one). */
export function allEnded(states: string[]): boolean {
  return states.length > 0 && states.every((state) => state === "ended");
}

/** States of every camera track the page opened or cloned. */
export function cameraTrackStates(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as { __cameraTracks: MediaStreamTrack[] }).__cameraTracks.map((track) => track.readyState),
  );
}
