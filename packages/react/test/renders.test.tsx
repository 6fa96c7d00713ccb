import { act, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { backend } from "./support/env";
import { MODEL, renderRealtime, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();

const FIELDS = [
  "status",
  "remoteStream",
  "localStream",
  "error",
  "queuePosition",
  "sessionId",
  "tokenExpiresAt",
  "subscribeToken",
] as const;

describe("renders (9)", () => {
  it("one render per visible state change; stats and other SDK events do not re-render", async () => {
    const { result, renders } = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    // Every render after the first shows something that changed: no render is wasted.
    const states = renders.length;
    expect(states).toBeLessThanOrEqual(6);

    const session = backend.openSessions[0]!;
    await act(async () => {
      backend.emitStats(session, 50);
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(renders).toHaveLength(states);

    act(() => backend.startGenerating(session));
    expect(result.current.status).toBe("generating");
    expect(renders).toHaveLength(states + 1);
    await act(async () => {
      backend.startGenerating(session);
      backend.emitStats(session, 10);
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(renders).toHaveLength(states + 1);
  });

  it("consecutive renders always differ in what they show, and the result is stable otherwise", async () => {
    const { result, rerender, shown, statusChanges } = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    for (let i = 1; i < shown.length; i++) {
      const changed = FIELDS.filter((field) => shown[i]![field] !== shown[i - 1]![field]);
      expect(changed.length, `render ${i} showed nothing new`).toBeGreaterThan(0);
    }
    // Initial render, one per status change, plus the token's expiry arriving while the camera was still opening.
    expect(shown.length).toBeLessThanOrEqual(1 + statusChanges.length + 1);
    const before = result.current;
    rerender({ token: server().url, model: MODEL });
    expect(result.current).toBe(before);
  });
});
