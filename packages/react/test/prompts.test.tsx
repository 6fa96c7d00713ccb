import { act, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { backend } from "./support/env";
import { MODEL, renderRealtime, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();

describe("prompts and images (8)", () => {
  it("set before connecting: sent once with the join, the latest value winning", async () => {
    const { result } = renderRealtime({ token: server().url, model: MODEL, enabled: false });
    act(() => {
      result.current.setPrompt("one");
      result.current.setPrompt("two");
      result.current.setPrompt({ text: "three", enhance: false });
    });
    await act(() => result.current.connect());
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const [session] = backend.openSessions;
    expect(session?.initialPrompt).toBe("three");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session?.prompts).toEqual([]);
  });

  it("set while connecting: sent once after connect, the latest value winning", async () => {
    let finish!: () => void;
    backend.handshake = () => new Promise((resolve) => (finish = resolve));
    const { result } = renderRealtime({ token: server().url, model: MODEL, prompt: "initial" });
    await waitFor(() => expect(backend.sessions).toHaveLength(1));
    const image = new Blob(["x"]);
    act(() => {
      result.current.setPrompt("a");
      result.current.setPrompt("b");
      result.current.setImage(new Blob(["old"]));
      result.current.setImage(image);
    });
    act(() => finish());
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const session = backend.sessions[0]!;
    await waitFor(() => expect(session.prompts).toEqual(["b"]));
    expect(session.initialPrompt).toBe("initial");
    expect(session.images).toEqual([image]);
  });

  it("when connected: sent at once; a changed prompt option is sent with setPrompt", async () => {
    const { result, rerender } = renderRealtime({ token: server().url, model: MODEL, prompt: "first" });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const session = backend.openSessions[0]!;
    rerender({ token: server().url, model: MODEL, prompt: "second" });
    await waitFor(() => expect(session.prompts).toEqual(["second"]));
    // Re-rendering with an equal prompt sends nothing.
    rerender({ token: server().url, model: MODEL, prompt: "second" });
    rerender({ token: server().url, model: MODEL, prompt: { text: "second" } });
    act(() => result.current.setPrompt("third"));
    await waitFor(() => expect(session.prompts).toEqual(["second", "third"]));
    expect(backend.sessions).toHaveLength(1);
  });

  it("a changed image option is sent with setImage; null clears it", async () => {
    const first = new Blob(["first"]);
    const { result, rerender } = renderRealtime({ token: server().url, model: MODEL, image: first });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const session = backend.openSessions[0]!;
    expect(session.initialImage).toBe(first);
    const second = new Blob(["second"]);
    rerender({ token: server().url, model: MODEL, image: second });
    rerender({ token: server().url, model: MODEL, image: second });
    rerender({ token: server().url, model: MODEL, image: null });
    await waitFor(() => expect(session.images).toEqual([second, null]));
  });

  it("while reconnecting: queued and delivered to the new session", async () => {
    let finish: (() => void) | null = null;
    const { result } = renderRealtime({
      token: server().url,
      model: MODEL,
      prompt: "before",
      reconnect: { baseDelayMs: 10 },
    });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    backend.handshake = () => new Promise((resolve) => (finish = resolve));
    act(() => backend.drop(backend.openSessions[0]!));
    await waitFor(() => expect(finish).not.toBeNull());
    act(() => result.current.setPrompt("during"));
    act(() => finish!());
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const second = backend.openSessions[0]!;
    expect(second.initialPrompt).toBe("before");
    await waitFor(() => expect(second.prompts).toEqual(["during"]));
  });
});
