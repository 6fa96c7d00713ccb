import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack, waitFor } from "./harness";

let stack: Stack;

beforeAll(async () => {
  // Decart's per-account cap of concurrent sessions, as the emulator plays it: over the cap, close with 1013.
  stack = await startStack({}, { realtime: { maxSessionsPerKey: 1 } });
});

afterAll(async () => {
  await stack?.close();
});

describe("Decart's session cap in Chromium with the unmodified SDK", () => {
  it("the socket closed with 1013 is capacity, reported at once (not after the SDK's ~25 s of retries)", async () => {
    const first = await stack.open({ model: "lucy-2.1" });
    await waitFor(first, (r) => r.statuses.includes("connected"));
    const second = await stack.open({ model: "lucy-2.1", reconnect: false });
    await waitFor(second, (r) => r.statuses.includes("connecting"));
    const started = Date.now();
    const failed = await waitFor(second, (r) => r.statuses.at(-1) === "error", 15_000);
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0]).toMatch(/^capacity: /);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stack.emulator.sessions.filter((s) => s.open)).toHaveLength(1);
    await first.close();
    await second.close();
  });
});
