import { startEmulator } from "@decart-kit/emulator";
import { launchChromium } from "../../test-support/chromium";
import { startServer } from "../express-react/server/server";
import { buildPage } from "./e2e/page-build";

const root = new URL("../express-react/", import.meta.url).pathname;
const [dir, emulator, browser] = await Promise.all([buildPage(root), startEmulator(), launchChromium()]);
const s = await startServer({ emulator, clientDir: dir, port: 0 });
const page = await browser.newPage();
page.on("console", (m) => console.log("console", m.type(), m.text()));
page.on("pageerror", (e) => console.log("pageerror", e.message));
await page.goto(s.url);
await page.waitForTimeout(3000);
console.log((await page.content()).slice(0, 1500));
await page.screenshot({ path: "/tmp/shot.png" });
await browser.close();
await s.close();
await emulator.close();
