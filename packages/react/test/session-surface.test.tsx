import { act, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { liveTracks } from "../src/testing/fake-media";
import { backend } from "./support/env";
import { MODEL, renderRealtime, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();
const fast = { attempts: 3, baseDelayMs: 10, maxDelayMs: 40 };

describe("what the SDK offers, through the hook (issue 15)", () => {
  it("passes realtime.connect options through as given", async () => {
    const connectOptions = {
      mirror: "auto",
      resolution: "720p",
      preferredVideoCodec: "vp8",
      queryParams: { a: "b" },
    } as const;
    const { result } = renderRealtime({ token: server().url, model: MODEL, connectOptions });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(backend.connectOptions[0]).toMatchObject(connectOptions);
  });

  it("exposes the session's subscribeToken, and a new one for the session after a drop", async () => {
    const { result } = renderRealtime({ token: server().url, model: MODEL, reconnect: fast });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const first = result.current.subscribeToken;
    expect(first).toBe(`subscribe-${backend.sessions[0]!.id}`);
    act(() => backend.drop(backend.openSessions[0]!));
    await waitFor(() => expect(result.current.status).toBe("reconnecting"));
    expect(result.current.subscribeToken).toBeNull();
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(result.current.subscribeToken).not.toBe(first);
    expect(result.current.subscribeToken).toBe(`subscribe-${backend.openSessions[0]!.id}`);
  });

  it("set({ prompt, image, enhance }) goes out as one message", async () => {
    const { result } = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    act(() => result.current.set({ prompt: "ghibli", enhance: false, image: "file_abc" }));
    const session = backend.openSessions[0]!;
    await waitFor(() => expect(session.sets).toEqual([{ prompt: "ghibli", enhance: false, image: "file_abc" }]));
    expect(session.prompts).toEqual(["ghibli"]);
  });

  it("prompt sends coalesce: while one is in flight only the latest waits, and it always arrives", async () => {
    backend.ackDelayMs = 50;
    const { result, rerender } = renderRealtime({ token: server().url, model: MODEL, prompt: "" });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const text = "a watercolour painting of a city";
    // Typing: one render per key, all within one acknowledgement round trip.
    for (let n = 1; n <= text.length; n++) rerender({ token: server().url, model: MODEL, prompt: text.slice(0, n) });
    const session = backend.openSessions[0]!;
    await waitFor(() => expect(session.prompts.at(-1)).toBe(text));
    await new Promise((resolve) => setTimeout(resolve, 120));
    // The first key went out at once; the 31 that came during its round trip collapsed into the last one.
    expect(session.prompts).toEqual(["a", text]);
  });

  it("a server error mid-session reaches error and onError; the session goes on", async () => {
    const { result, errors } = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    act(() => backend.serverError(backend.openSessions[0]!, "image rejected"));
    await waitFor(() => expect(result.current.error?.message).toContain("image rejected"));
    expect(errors).toEqual(["upstream_error"]);
    expect(result.current.status).toBe("connected");
    expect(backend.openSessions).toHaveLength(1);
  });

  it("generationTick gives elapsed seconds", async () => {
    const { result } = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(result.current.generationSeconds).toBeNull();
    act(() => backend.startGenerating(backend.openSessions[0]!));
    await waitFor(() => expect(result.current.generationSeconds).toBe(1));
    expect(result.current.status).toBe("generating");
  });

  it("getClient() is the live SDK client while connected, null otherwise", async () => {
    const { result } = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(result.current.getClient()?.sessionId).toBe(backend.openSessions[0]!.id);
    act(() => result.current.disconnect());
    expect(result.current.getClient()).toBeNull();
  });
});

describe("enabled (declarative)", () => {
  it("false → nothing; true → connects; false again → disconnected and released", async () => {
    const options = { token: server().url, model: MODEL } as const;
    const { result, rerender } = renderRealtime({ ...options, enabled: false });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(result.current.status).toBe("idle");
    rerender({ ...options, enabled: true });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    rerender({ ...options, enabled: false });
    expect(result.current.status).toBe("idle");
    expect(backend.openSessions).toHaveLength(0);
    expect(liveTracks()).toHaveLength(0);
    rerender({ ...options, enabled: true });
    await waitFor(() => expect(result.current.status).toBe("connected"));
  });
});

describe("failure timing", () => {
  it("a connection not made in time: connect_timeout, nothing left open", async () => {
    backend.handshake = () => new Promise(() => {});
    const { result, errors } = renderRealtime({
      token: server().url,
      model: MODEL,
      connectTimeoutMs: 100,
      reconnect: false,
    });
    await waitFor(() => expect(result.current.status).toBe("error"));
    expect(result.current.error).toMatchObject({ code: "connect_timeout", retryable: true });
    expect(errors).toEqual(["connect_timeout"]);
    expect(liveTracks()).toHaveLength(0);
  });

  it("a connect timeout is retried like any retryable failure", async () => {
    let hangs = 1;
    backend.handshake = () => (hangs-- > 0 ? new Promise(() => {}) : Promise.resolve());
    const { result, errors } = renderRealtime({
      token: server().url,
      model: MODEL,
      connectTimeoutMs: 100,
      reconnect: fast,
    });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(backend.sessions).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it("a first connection failing with a retryable error (a dropped socket) is retried, not reported", async () => {
    let failures = 2;
    backend.handshake = async () => {
      if (failures-- > 0) throw new Error("WebSocket closed: 1006 ");
    };
    const { result, errors, statusChanges } = renderRealtime({ token: server().url, model: MODEL, reconnect: fast });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(backend.sessions).toHaveLength(3);
    expect(errors).toEqual([]);
    expect(statusChanges).not.toContain("error");
  });

  it("a first token fetch failing with upstream_error (Decart answering 503) is retried", async () => {
    server().emulator.fault({ type: "status", status: 503, times: 3 });
    const { result, errors } = renderRealtime({ token: server().url, model: MODEL, reconnect: fast });
    await waitFor(() => expect(result.current.status).toBe("connected"), { timeout: 3000 });
    expect(server().requests).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });
});
