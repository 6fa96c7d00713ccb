import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { playback, type Stack, startStack, waitFor } from "./harness";

const MODEL = "lucy-2.1";
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({});
});

afterAll(async () => {
  await stack?.close();
});

/** The publisher's subscribe token, as its SDK computes it from the room it joined. */
function subscribeTokenOf(roomName: string): string {
  return btoa(JSON.stringify({ room_name: roomName }));
}

describe("useDecartViewer in Chromium with the unmodified SDK and the emulator", () => {
  it("watches a live session, and ends when the publisher's session is replaced by a new one", async () => {
    const publisher = await stack.open({ model: MODEL });
    await waitFor(publisher, (r) => r.statuses.includes("connected") || r.statuses.includes("generating"));
    const session = stack.emulator.sessions.at(-1)!;
    const viewer = await stack.open({ model: MODEL, watch: subscribeTokenOf(session.roomName!) });
    await waitFor(viewer, (r) => r.statuses.includes("connected"));
    await expect.poll(() => playback(viewer, 500).then((p) => p.frames), { timeout: 15_000 }).toBeGreaterThan(5);
    const { width } = await playback(viewer, 500);
    expect(width).toBeGreaterThan(0);

    // A network drop of the publisher: its hook reconnects into a new room; the old stream is over for viewers.
    stack.emulator.dropSession(session.id);
    const ended = await waitFor(viewer, (r) => r.statuses.at(-1) === "ended");
    expect(ended.statuses).toEqual(["idle", "fetching-token", "connecting", "connected", "reconnecting", "ended"]);
    expect(ended.errors).toEqual([]);
    expect(await viewer.textContent("p")).toBe("The stream has ended.");
    await waitFor(publisher, (r) => r.statuses.at(-1) === "connected" || r.statuses.at(-1) === "generating");
    await Promise.all([publisher.close(), viewer.close()]);
  });
});
