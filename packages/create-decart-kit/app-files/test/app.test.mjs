// The app's browser test: starts the built app as `npm start` does, on the local emulator (no Decart key needed),
// then signs in with headless Chrome and a fake camera and checks that both videos play. Run it with `npm test`.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";

const BROWSERS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const BROWSER_FLAGS = [
  "--use-fake-device-for-media-stream", // a moving test pattern instead of a real camera
  "--use-fake-ui-for-media-stream", // the camera is allowed without a prompt
  "--allow-loopback-in-peer-connection", // the emulator's WebRTC runs on 127.0.0.1
  "--disable-features=WebRtcHideLocalIpsWithMdns", // plain loopback addresses, no mDNS names
];

let app;
let browser;
let url;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** `npm start` in its own process group, so stopping it stops the server it runs too. */
function startApp(port) {
  const child = spawn("npm", ["start"], {
    // An empty key means the emulator, whatever .env says: the test never spends Decart credits.
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DECART_API_KEY: "" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: process.platform !== "win32",
    shell: process.platform === "win32",
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function waitUntilServing(started, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`npm start exited:\n${started.output()}`);
    const answered = await fetch(`${url}/api/session`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not answer on ${url} within ${timeoutMs / 1000} s:\n${started.output()}`);
}

function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || BROWSERS.find((path) => existsSync(path));
  const args = [...BROWSER_FLAGS, ...(process.getuid?.() === 0 ? ["--no-sandbox"] : [])];
  return chromium.launch({ headless: true, args, ...(executablePath ? { executablePath } : { channel: "chrome" }) });
}

/** True when the panel's video has frames and its clock moves. */
function isPlaying(page, testId) {
  return page.evaluate(async (id) => {
    const video = document.querySelector(`[data-testid="${id}"] video`);
    if (!video || video.videoWidth === 0) return false;
    const before = video.currentTime;
    await new Promise((resolve) => setTimeout(resolve, 500));
    return video.currentTime > before;
  }, testId);
}

async function waitUntilPlaying(page, testId, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await isPlaying(page, testId))) {
    const notice = page.getByTestId("error-notice");
    const shown = (await notice.count()) > 0 ? await notice.textContent() : "";
    if (shown || Date.now() > deadline)
      throw new Error(`${testId} does not play. The page says: ${shown || "nothing"}`);
    await page.waitForTimeout(250);
  }
}

before(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  app = startApp(port);
  [browser] = await Promise.all([launchBrowser(), waitUntilServing(app)]);
});

after(async () => {
  await browser?.close();
  if (app?.child.exitCode === null) {
    if (process.platform === "win32") app.child.kill();
    else process.kill(-app.child.pid, "SIGTERM");
  }
});

test("sign in and start a session: the camera and the result both play", async () => {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  await page.getByLabel("Your name").fill("Ada");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("signed-in-user").waitFor();
  await page.getByRole("button", { name: /start session/i }).click();
  await waitUntilPlaying(page, "local-video");
  await waitUntilPlaying(page, "remote-video");
});
