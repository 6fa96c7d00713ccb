import { act, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { cameraStream, type FakeMediaStreamTrack, liveTracks } from "../src/testing/fake-media";
import { backend, camera } from "./support/env";
import { MODEL, renderRealtime, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();
const videoTrack = (stream: MediaStream | null) => stream?.getVideoTracks()[0] as unknown as FakeMediaStreamTrack;

describe("camera control (issue 15)", () => {
  it("camera options reach getUserMedia, frame rate and size defaulting to the model's", async () => {
    const { result } = renderRealtime({ token: server().url, model: MODEL, camera: { facingMode: "environment" } });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(camera.calls[0]?.video).toMatchObject({
      facingMode: { ideal: "environment" },
      frameRate: { ideal: 30, max: 30 },
      width: { ideal: 1088 },
    });
  });

  it("switchCamera publishes the new camera in the running session: no new session, old camera stopped", async () => {
    const { result } = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const before = videoTrack(result.current.localStream);
    await act(() => result.current.switchCamera({ deviceId: "back-camera" }));
    expect(camera.calls[1]?.video).toMatchObject({ deviceId: { exact: "back-camera" } });
    const after = videoTrack(result.current.localStream);
    expect(after).not.toBe(before);
    expect(before.readyState).toBe("ended");
    const [session] = backend.sessions;
    expect(backend.sessions).toHaveLength(1);
    expect(session?.open).toBe(true);
    // The SDK got a clone (it stops what it is given), and the clone it had before is stopped.
    expect(session?.replacedTracks[0]?.clonedFrom).toBe(after);
    expect(liveTracks()).toEqual(expect.arrayContaining([after, session?.replacedTracks[0]]));
    expect(liveTracks()).toHaveLength(2);
    expect(result.current.status).toBe("connected");
  });

  it("a changed camera option switches too", async () => {
    const { result, rerender } = renderRealtime({ token: server().url, model: MODEL, camera: { facingMode: "user" } });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    rerender({ token: server().url, model: MODEL, camera: { facingMode: "environment" } });
    await waitFor(() => expect(backend.sessions[0]?.replacedTracks).toHaveLength(1));
    expect(backend.sessions).toHaveLength(1);
  });

  it("a caller's stream swapped for another goes through track replacement; neither is stopped by the hook", async () => {
    const first = cameraStream() as unknown as MediaStream;
    const second = cameraStream() as unknown as MediaStream;
    const { result, rerender } = renderRealtime({ token: server().url, model: MODEL, stream: first });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    rerender({ token: server().url, model: MODEL, stream: second });
    await waitFor(() => expect(backend.sessions[0]?.replacedTracks).toHaveLength(1));
    expect(backend.sessions[0]?.replacedTracks[0]?.clonedFrom).toBe(videoTrack(second));
    expect(result.current.localStream).toBe(second);
    expect(backend.sessions).toHaveLength(1);
    expect(videoTrack(first).readyState).toBe("live");
    expect(camera.calls).toHaveLength(0);
  });

  it("preview: the camera opens with no token and no session; connect() then uses it without reopening", async () => {
    const { result } = renderRealtime({ token: server().url, model: MODEL, enabled: false });
    await act(() => result.current.startPreview());
    expect(result.current.status).toBe("previewing");
    expect(result.current.localStream).not.toBeNull();
    expect(server().requests).toBe(0);
    const preview = videoTrack(result.current.localStream);
    await act(() => result.current.connect());
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(camera.calls).toHaveLength(1);
    expect(backend.openSessions[0]?.tracks[0]?.clonedFrom).toBe(preview);
  });

  it("a camera track that ends mid-session ends the session with camera_lost", async () => {
    const { result, errors } = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    act(() => videoTrack(result.current.localStream).end());
    expect(result.current.status).toBe("error");
    expect(result.current.error).toMatchObject({ code: "camera_lost", retryable: false });
    expect(errors).toEqual(["camera_lost"]);
    expect(backend.openSessions).toHaveLength(0);
    expect(liveTracks()).toHaveLength(0);
  });
});
