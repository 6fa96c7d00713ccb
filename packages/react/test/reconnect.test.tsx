import { act, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { liveTracks } from "../src/testing/fake-media";
import { backend } from "./support/env";
import { MODEL, renderRealtime, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();
const fast = { attempts: 3, baseDelayMs: 10, maxDelayMs: 40 };

async function connected(options: Partial<Parameters<typeof renderRealtime>[0]> = {}) {
  const view = renderRealtime({ token: server().url, model: MODEL, reconnect: fast, ...options });
  await waitFor(() => expect(view.result.current.status).toBe("connected"));
  return view;
}

describe("the hook owns reconnection (4)", () => {
  it("a drop: new client, fresh clones, prompt and image re-sent; the old token reused while it is fresh", async () => {
    const image = new Blob(["face"]);
    const { result, statusChanges } = await connected({ prompt: "anime", image });
    const first = backend.openSessions[0]!;
    const cameraTrack = first.tracks[0]!.clonedFrom!;
    act(() => backend.drop(first));
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const second = backend.openSessions[0]!;
    expect(backend.openSessions).toHaveLength(1);
    expect(second).not.toBe(first);
    expect(second.apiKey).toBe(first.apiKey);
    expect(server().requests).toBe(1);
    // The SDK's reconnect never ran (it would republish stopped tracks): the new session got new, live clones.
    expect(backend.sessions.some((session) => session.frozen)).toBe(false);
    expect(second.tracks.every((track) => track.readyState === "live" && track.clonedFrom === cameraTrack)).toBe(true);
    expect(first.tracks.every((track) => track.readyState === "ended")).toBe(true);
    expect(cameraTrack.readyState).toBe("live");
    expect(second.initialPrompt).toBe("anime");
    expect(second.initialImage).toBe(image);
    expect(result.current.sessionId).toBe(second.id);
    expect(statusChanges.slice(-2)).toEqual(["reconnecting", "connected"]);
  });

  it("expiry ends nothing; after a drop the expired token is replaced by a fresh one", async () => {
    server().policy({ expiresIn: 2 });
    const { result } = await connected();
    const first = backend.openSessions[0]!;
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(Date.now()).toBeGreaterThan(result.current.tokenExpiresAt!.getTime());
    expect(result.current.status).toBe("connected");
    expect(first.open).toBe(true);
    expect(server().requests).toBe(1);

    act(() => backend.drop(first));
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(server().requests).toBe(2);
    // Straight to the fresh token: no attempt was made (and refused) with the expired one.
    expect(backend.sessions).toHaveLength(2);
    const second = backend.openSessions[0]!;
    expect(second.apiKey).not.toBe(first.apiKey);
    expect(second.apiKey).toBe(server().emulator.issued.at(-1)?.apiKey);
    expect(result.current.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("a permanent error (401 from our endpoint) is not retried", async () => {
    const { result } = await connected({ tokenSafetyMarginMs: 120_000 });
    server().policy({ authorize: () => null });
    act(() => backend.drop(backend.openSessions[0]!));
    await waitFor(() => expect(result.current.status).toBe("error"));
    expect(result.current.error?.code).toBe("unauthorized");
    expect(server().requests).toBe(2);
    expect(liveTracks()).toHaveLength(0);
  });

  it("model_not_allowed from the server is not retried", async () => {
    const { result } = await connected();
    backend.handshake = async () => {
      throw Object.assign(new Error("model not allowed"), { source: "server" });
    };
    act(() => backend.drop(backend.openSessions[0]!));
    await waitFor(() => expect(result.current.status).toBe("error"));
    expect(result.current.error?.code).toBe("model_not_allowed");
    expect(backend.sessions).toHaveLength(2);
  });

  it("transient failures: bounded attempts, then error with the last cause", async () => {
    const { result, errors } = await connected();
    backend.handshake = async () => {
      throw new Error("WebSocket closed: 1006 ");
    };
    act(() => backend.drop(backend.openSessions[0]!));
    await waitFor(() => expect(result.current.status).toBe("error"));
    expect(backend.sessions).toHaveLength(1 + fast.attempts);
    expect(result.current.error?.code).toBe("connect_failed");
    expect(errors).toEqual(["connect_failed"]);
    expect(backend.openSessions).toHaveLength(0);
    expect(liveTracks()).toHaveLength(0);
  });

  it("a transient failure, then success", async () => {
    const { result } = await connected();
    let failures = 1;
    backend.handshake = async () => {
      if (failures-- > 0) throw new Error("WebSocket closed: 1006 ");
    };
    act(() => backend.drop(backend.openSessions[0]!));
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(backend.sessions).toHaveLength(3);
  });

  it("reconnect: false ends in error on the first drop", async () => {
    const { result } = await connected({ reconnect: false });
    act(() => backend.drop(backend.openSessions[0]!));
    await waitFor(() => expect(result.current.status).toBe("error"));
    expect(result.current.error?.code).toBe("connect_failed");
  });
});

describe("the server ending the session (5)", () => {
  it("status becomes ended with the reason; no reconnect; the camera is released", async () => {
    const { result, errors } = await connected();
    act(() => backend.end(backend.openSessions[0]!, "max_session_duration"));
    await waitFor(() => expect(result.current.status).toBe("ended"));
    expect(result.current.error).toMatchObject({ code: "session_ended" });
    expect(result.current.error?.message).toContain("max_session_duration");
    expect(errors).toEqual(["session_ended"]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(backend.sessions).toHaveLength(1);
    expect(liveTracks()).toHaveLength(0);
  });

  it("renewSession: true starts a new session", async () => {
    const { result } = await connected({ renewSession: true });
    const first = backend.openSessions[0]!;
    act(() => backend.end(first, "max_session_duration"));
    await waitFor(() => expect(backend.openSessions[0]).not.toBe(first));
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(backend.openSessions).toHaveLength(1);
  });
});
