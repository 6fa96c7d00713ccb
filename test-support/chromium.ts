import { type Browser, chromium, type LaunchOptions } from "playwright-core";

/**
 * Flags every browser test uses. Chromium must not reach the network (background services, updates,
 * sync) and must be allowed to run WebRTC over loopback, the only interface the tests' namespace has.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--allow-loopback-in-peer-connection",
  // Keep WebRTC host candidates as plain IPs: mDNS names would need multicast, which loopback lacks.
  "--disable-features=WebRtcHideLocalIpsWithMdns",
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Launches Debian's headless Chromium with the test flags (never a Playwright-downloaded browser). */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}
