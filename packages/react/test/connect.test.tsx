import { act, render, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RealtimeVideo } from "../src/realtime-video";
import { liveTracks } from "../src/testing/fake-media";
import { backend, camera } from "./support/env";
import { MODEL, renderRealtime, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();

describe("connecting", () => {
  it("connects with a token from the real route and exposes the remote stream", async () => {
    const { result, statusChanges } = renderRealtime({ token: server().url, model: MODEL, prompt: "anime" });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const [session] = backend.openSessions;
    expect(session?.apiKey).toBe(server().emulator.issued.at(-1)?.apiKey);
    expect(session?.initialPrompt).toBe("anime");
    expect(result.current.remoteStream).not.toBeNull();
    expect(result.current.localStream).not.toBeNull();
    expect(result.current.sessionId).toBe(session?.id);
    expect(result.current.tokenExpiresAt?.toISOString()).toBe(server().emulator.issued.at(-1)?.expiresAt);
    expect(statusChanges).toEqual(["requesting-media", "fetching-token", "connecting", "connected"]);
    // The camera is opened at the model's size and frame rate.
    expect(camera.calls[0]).toEqual({
      audio: false,
      video: { frameRate: { ideal: 30, max: 30 }, width: { ideal: 1088 }, height: { ideal: 624 } },
    });
  });

  it("asks for the camera and the token in parallel (1)", async () => {
    camera.hold();
    const { result } = renderRealtime({ token: server().url, model: MODEL });
    // Both requests are out while neither has been answered.
    // The token is requested and answered while the camera prompt is still open.
    await waitFor(() => expect(server().requests).toBe(1));
    expect(camera.pending).toBe(1);
    await waitFor(() => expect(result.current.tokenExpiresAt).not.toBeNull());
    expect(camera.pending).toBe(1);
    expect(result.current.status).toBe("requesting-media");
    act(() => camera.release());
    await waitFor(() => expect(result.current.status).toBe("connected"));
  });

  it("sends the model to the endpoint, which scopes the token to it", async () => {
    server().policy({ allowedModels: [MODEL, "lucy-2.5"] });
    const { result } = renderRealtime({ token: server().url, model: "lucy-2.5" });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(server().emulator.issued.at(-1)?.options.allowedModels).toEqual(["lucy-2.5"]);
  });

  it("sets sessionEndsAt when the token carries maxSessionDuration", async () => {
    server().policy({ constraints: { realtime: { maxSessionDuration: 120 } } });
    const { result } = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const left = result.current.sessionEndsAt!.getTime() - Date.now();
    expect(left).toBeGreaterThan(118_000);
    expect(left).toBeLessThanOrEqual(120_000);
  });

  it("uses a caller's stream without opening the camera, and never stops its tracks", async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const own = stream.getTracks();
    camera.reset();
    const { result, unmount } = renderRealtime({ token: server().url, model: MODEL, stream });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(camera.calls).toHaveLength(0);
    expect(result.current.localStream).toBe(stream);
    // The SDK got clones, not the caller's tracks.
    expect(backend.openSessions[0]?.tracks.some((track) => own.includes(track as never))).toBe(false);
    act(() => result.current.disconnect());
    expect(own.every((track) => track.readyState === "live")).toBe(true);
    unmount();
    expect(own.every((track) => track.readyState === "live")).toBe(true);
    for (const track of own) track.stop();
  });

  it("does not connect before connect() with enabled: false", async () => {
    const { result } = renderRealtime({ token: server().url, model: MODEL, enabled: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result.current.status).toBe("idle");
    expect(server().requests).toBe(0);
    expect(camera.calls).toHaveLength(0);
    await act(() => result.current.connect());
    await waitFor(() => expect(result.current.status).toBe("connected"));
  });

  it("disconnect() ends the session and stops the camera it opened", async () => {
    const { result } = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    act(() => result.current.disconnect());
    expect(result.current.status).toBe("idle");
    expect(backend.openSessions).toHaveLength(0);
    expect(liveTracks()).toHaveLength(0);
  });

  it("queue positions show up while waiting for a GPU", async () => {
    backend.queuePositions = 2;
    let release!: () => void;
    backend.handshake = () => new Promise((resolve) => (release = resolve));
    const { result } = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(result.current.queuePosition).toEqual({ position: 1, queueSize: 2, source: "decart" }));
    expect(result.current.status).toBe("connecting");
    act(() => release());
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(result.current.queuePosition).toBeNull();
  });
});

describe("<RealtimeVideo>", () => {
  it("binds srcObject, plays inline and muted, and unbinds on unmount", () => {
    const stream = new MediaStream([]);
    const { container, rerender, unmount } = render(<RealtimeVideo stream={stream} className="out" />);
    const video = container.querySelector("video")!;
    expect(video.srcObject).toBe(stream);
    expect(video.muted).toBe(true);
    expect(video.autoplay).toBe(true);
    expect(video.hasAttribute("playsinline")).toBe(true);
    expect(video.className).toBe("out");
    rerender(<RealtimeVideo stream={null} />);
    expect(video.srcObject).toBeNull();
    rerender(<RealtimeVideo stream={stream} />);
    unmount();
    expect(video.srcObject).toBeNull();
  });
});
