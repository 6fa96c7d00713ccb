import { act, render, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useCameras } from "../src/devices";
import { DecartRealtimeProvider, useDecartSession } from "../src/provider";
import { useConnectionQuality } from "../src/quality";
import { useDecartRealtime } from "../src/use-decart-realtime";
import { backend } from "./support/env";
import { MODEL, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();

describe("@decart-kit/react/quality", () => {
  it("re-renders when the quality level changes, not on every report", async () => {
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      const realtime = useDecartRealtime({ token: server().url, model: MODEL });
      return { realtime, quality: useConnectionQuality(realtime) };
    });
    await waitFor(() => expect(result.current.realtime.status).toBe("connected"));
    expect(result.current.quality.quality).toBeNull();
    const session = backend.openSessions[0]!;
    act(() => backend.reportQuality(session, "good"));
    expect(result.current.quality.quality).toBe("good");
    const before = renders;
    act(() => {
      for (let i = 0; i < 20; i++) backend.reportQuality(session, "good");
    });
    expect(renders).toBe(before);
    expect(result.current.quality.latest.current?.quality).toBe("good");
    act(() => backend.reportQuality(session, "poor"));
    expect(result.current.quality.quality).toBe("poor");
    expect(renders).toBe(before + 1);
  });
});

describe("@decart-kit/react/devices", () => {
  it("lists the cameras and updates on devicechange", async () => {
    const devices = [{ kind: "videoinput", deviceId: "front", label: "Front", groupId: "g" }];
    const listeners = new Set<() => void>();
    Object.assign(navigator.mediaDevices, {
      enumerateDevices: async () => [...devices, { kind: "audioinput", deviceId: "mic", label: "Mic", groupId: "g" }],
      addEventListener: (_: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    });
    const { result, unmount } = renderHook(() => useCameras());
    await waitFor(() => expect(result.current).toEqual([{ deviceId: "front", label: "Front", groupId: "g" }]));
    devices.push({ kind: "videoinput", deviceId: "back", label: "Back", groupId: "h" });
    act(() => {
      for (const listener of listeners) listener();
    });
    await waitFor(() => expect(result.current.map((camera) => camera.deviceId)).toEqual(["front", "back"]));
    unmount();
    expect(listeners.size).toBe(0);
  });
});

describe("@decart-kit/react/provider", () => {
  it("two components below one provider share one session", async () => {
    seen.length = 0;
    render(
      <DecartRealtimeProvider token={server().url} model={MODEL}>
        <Status name="a" />
        <Status name="b" />
      </DecartRealtimeProvider>,
    );
    await waitFor(() => expect(backend.openSessions).toHaveLength(1));
    await waitFor(() => expect(seen.some((entry) => entry.startsWith("b:"))).toBe(true));
    const id = backend.openSessions[0]!.id;
    expect(seen).toContain(`a:${id}`);
    expect(seen).toContain(`b:${id}`);
    expect(backend.sessions).toHaveLength(1);
  });
});

const seen: string[] = [];
function Status({ name }: { name: string }) {
  const { status, sessionId } = useDecartSession();
  if (status === "connected") seen.push(`${name}:${sessionId}`);
  return null;
}
