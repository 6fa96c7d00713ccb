import { execFileSync } from "node:child_process";
import { networkInterfaces } from "node:os";

/**
 * True inside a network namespace that has nothing but `lo` (how `npm test` runs vitest: scripts/test-all.mjs), where
 * a test may add addresses to `lo` without touching the machine's own network.
 */
export function inLoopbackOnlyNamespace(): boolean {
  return Object.keys(networkInterfaces()).every((name) => name === "lo");
}

const onLoopback = (address: string) => (networkInterfaces().lo ?? []).some((entry) => entry.address === address);

/** Adds IPv6 addresses to `lo` (no duplicate detection, so they are usable at once); ones already there are kept. */
export function addLoopbackAddresses(addresses: readonly string[]): void {
  for (const address of addresses) {
    if (onLoopback(address)) continue;
    try {
      execFileSync("ip", ["-6", "addr", "add", `${address}/64`, "dev", "lo", "nodad"], { stdio: "pipe" });
    } catch (error) {
      // Test files run in parallel in one namespace: another may have added it first.
      if (!onLoopback(address)) throw error;
    }
  }
}
