// Makes a fresh machine (Node 20 + npm only) ready: pnpm at the pinned version, the workspace's
// dependencies from the lockfile, and with --system the Debian packages the browser and Redis tests use.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { run } from "./lib/run.mjs";

const PNPM_VERSION = "10.34.9";
const SYSTEM_PACKAGES = { chromium: "/usr/bin/chromium", "redis-server": "/usr/bin/redis-server" };

function installedPnpmVersion() {
  try {
    return execFileSync("pnpm", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

if (installedPnpmVersion() !== PNPM_VERSION) {
  await run("npm", ["install", "--global", "--no-fund", "--no-audit", `pnpm@${PNPM_VERSION}`], {
    label: `install pnpm ${PNPM_VERSION}`,
  });
}

await run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], {
  label: "install dependencies",
  env: { CI: "true" },
});

if (process.argv.includes("--system")) {
  const missing = Object.entries(SYSTEM_PACKAGES).filter(([, binary]) => !existsSync(binary));
  if (missing.length > 0) {
    const names = missing.map(([name]) => name);
    if (process.getuid?.() !== 0) {
      throw new Error(
        `The browser and Redis tests need ${names.join(", ")}: sudo apt-get install -y ${names.join(" ")}`,
      );
    }
    await run("apt-get", ["update", "-qq"], { label: "apt-get update" });
    await run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...names], {
      label: `apt-get install ${names.join(" ")}`,
      env: { DEBIAN_FRONTEND: "noninteractive" },
    });
  }
}
