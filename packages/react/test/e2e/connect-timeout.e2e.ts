import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { createLiveKitMediaPlane } from "@decart-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cameraTracks, type Stack, startStack, waitFor } from "./harness";

let stack: Stack;
const held: Duplex[] = [];

beforeAll(async () => {
  // The emulator's LiveKit, except that it never answers: the signal connection carrying the SDK's offer is
  // accepted at the TCP level and left hanging, as a LiveKit server that has stalled would.
  stack = await startStack(
    {},
    {
      mediaPlane: (context) => {
        const livekit = createLiveKitMediaPlane(context);
        return {
          ...livekit,
          openRoom: (room) => livekit.openRoom(room),
          closeRoom: (room) => livekit.closeRoom(room),
          onRoomClosed: (listener) => livekit.onRoomClosed(listener),
          handleRequest: (req, res) => livekit.handleRequest(req, res),
          close: () => livekit.close(),
          handleUpgrade: (_req: IncomingMessage, socket: Duplex) => {
            held.push(socket);
            return true;
          },
        };
      },
    },
  );
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await stack?.close();
});

describe("connect timeout in Chromium with the unmodified SDK", () => {
  it("a LiveKit that never answers: connect_timeout after connectTimeoutMs, camera released", async () => {
    const page = await stack.open({ model: "lucy-2.1", connectTimeoutMs: 3000, reconnect: false });
    await waitFor(page, (r) => r.statuses.includes("connecting"));
    const started = Date.now();
    const failed = await waitFor(page, (r) => r.statuses.at(-1) === "error", 15_000);
    const elapsed = Date.now() - started;
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0]).toMatch(/^connect_timeout: /);
    // Seen "connecting" up to a poll late; without the deadline the SDK would wait for LiveKit far longer.
    expect(elapsed).toBeGreaterThanOrEqual(2500);
    expect(elapsed).toBeLessThan(10_000);
    // Every camera track the hook opened or cloned has ended. (The SDK's own attempt cannot be aborted before its
    // connect() settles — 0.1.20 takes no AbortSignal — so its control socket lingers until LiveKit's timeout; the
    // hook disconnects that client the moment it resolves.)
    expect((await cameraTracks(page)).every((t) => t.state === "ended")).toBe(true);
    await page.close();
  });
});
