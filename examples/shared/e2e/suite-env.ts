import type { Emulator } from "@decart-kit/emulator";
import type { Browser } from "playwright-core";

/** What every test of the suite shares, filled in by its `beforeAll`. */
export interface SuiteEnv {
  emulator: Emulator;
  browser: Browser;
  /** The example's page, built for production. */
  clientDir: string;
  server: { url: string; close(): Promise<void> };
  /** The emulator's sessions that are still open. */
  openSessions(): Emulator["sessions"];
}
