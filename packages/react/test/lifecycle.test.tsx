import { act, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { liveTracks } from "../src/testing/fake-media";
import { backend, camera } from "./support/env";
import { MODEL, renderRealtime, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

type Phase = "getUserMedia" | "token fetch" | "SDK connect";
type Stop = "unmount" | "disconnect()";

/** Holds the hook in one phase; returns the function that lets the phase finish. */
async function holdIn(phase: Phase): Promise<() => void> {
  if (phase === "getUserMedia") {
    camera.hold();
    return () => camera.release();
  }
  if (phase === "token fetch") {
    server().emulator.fault({ type: "delay", ms: 400, times: 1 });
    return () => {};
  }
  let finish!: () => void;
  backend.handshake = () => new Promise((resolve) => (finish = resolve));
  return () => finish();
}

async function reached(phase: Phase) {
  if (phase === "getUserMedia") await waitFor(() => expect(camera.pending).toBe(1));
  if (phase === "token fetch") await waitFor(() => expect(server().requests).toBe(1));
  if (phase === "SDK connect") await waitFor(() => expect(backend.sessions).toHaveLength(1));
}

describe("stopping at any moment leaves nothing behind (6)", () => {
  const cases: [Phase, Stop][] = [];
  for (const phase of ["getUserMedia", "token fetch", "SDK connect"] as const) {
    for (const stop of ["unmount", "disconnect()"] as const) cases.push([phase, stop]);
  }

  it.each(cases)("during %s, %s", async (phase, stop) => {
    const finish = await holdIn(phase);
    const view = renderRealtime({ token: server().url, model: MODEL });
    await reached(phase);
    const after = { renders: view.renders.length, changes: view.statusChanges.length, errors: view.errors.length };
    act(() => (stop === "unmount" ? view.unmount() : view.result.current.disconnect()));
    act(() => finish());
    await settle();
    if (phase === "token fetch") await waitFor(() => expect(server().aborted).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, phase === "token fetch" ? 450 : 0));
    expect(liveTracks()).toHaveLength(0);
    expect(backend.openSessions).toHaveLength(0);
    if (phase !== "SDK connect") expect(backend.sessions).toHaveLength(0);
    expect(server().requests).toBeLessThanOrEqual(1);
    if (stop === "unmount") {
      expect(view.renders).toHaveLength(after.renders);
      expect(view.statusChanges).toHaveLength(after.changes);
    } else {
      expect(view.result.current.status).toBe("idle");
      expect(view.statusChanges.at(-1)).toBe("idle");
    }
    expect(view.errors).toHaveLength(after.errors);
  });

  it("unmount while connected stops the hook's own camera and the SDK session", async () => {
    const view = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(view.result.current.status).toBe("connected"));
    expect(liveTracks().length).toBeGreaterThan(0);
    view.unmount();
    expect(liveTracks()).toHaveLength(0);
    expect(backend.openSessions).toHaveLength(0);
  });

  it("StrictMode: exactly one session, one token request and one camera prompt", async () => {
    const view = renderRealtime({ token: server().url, model: MODEL }, { strict: true });
    await waitFor(() => expect(view.result.current.status).toBe("connected"));
    await settle();
    expect(backend.sessions).toHaveLength(1);
    expect(backend.openSessions).toHaveLength(1);
    expect(server().requests).toBe(1);
    expect(camera.calls).toHaveLength(1);
    view.unmount();
    expect(liveTracks()).toHaveLength(0);
    expect(backend.openSessions).toHaveLength(0);
  });
});

describe("token requests (2, 3)", () => {
  it("one fetch at a time: concurrent connect() calls share it", async () => {
    const { result } = renderRealtime({ token: server().url, model: MODEL, enabled: false });
    await act(async () => {
      void result.current.connect();
      void result.current.connect();
      await result.current.connect();
    });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(server().requests).toBe(1);
    expect(backend.sessions).toHaveLength(1);
  });

  it("an answer for options that changed meanwhile is dropped; the new options' token is used", async () => {
    let answerOld!: () => void;
    const oldToken = async ({ signal }: { signal: AbortSignal }) => {
      await new Promise<void>((resolve) => (answerOld = resolve));
      // Deliberately ignores `signal`, like a careless custom fetcher: the answer must still be dropped.
      void signal;
      const response = await fetch(server().url, { method: "POST", headers: { "content-type": "application/json" } });
      return response.json();
    };
    const minted = server().emulator.issued.length;
    const view = renderRealtime({ token: oldToken, model: MODEL });
    await waitFor(() => expect(answerOld).toBeDefined());
    view.rerender({ token: server().url, model: MODEL });
    await waitFor(() => expect(view.result.current.status).toBe("connected"));
    const used = backend.openSessions[0]!.apiKey;
    answerOld();
    await waitFor(() => expect(server().emulator.issued).toHaveLength(minted + 2));
    await settle();
    expect(backend.sessions).toHaveLength(1);
    expect(backend.openSessions[0]!.apiKey).toBe(used);
    expect(view.result.current.status).toBe("connected");
  });

  it("the old request is aborted when the options change", async () => {
    server().emulator.fault({ type: "delay", ms: 300, times: 1 });
    const view = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(server().requests).toBe(1));
    view.rerender({ token: server().url, model: "lucy-2.5" });
    await waitFor(() => expect(server().aborted).toBe(1));
    await waitFor(() => expect(view.result.current.status).toBe("connected"));
    expect(backend.openSessions.map((session) => session.model)).toEqual(["lucy-2.5"]);
  });

  it("a token is reused for a new connection only while it has more than the safety margin left", async () => {
    const view = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(view.result.current.status).toBe("connected"));
    act(() => view.result.current.disconnect());
    await act(() => view.result.current.connect());
    await waitFor(() => expect(view.result.current.status).toBe("connected"));
    expect(server().requests).toBe(1);

    server().policy({ expiresIn: 9 }); // below the default 10 s margin: never reused
    act(() => view.result.current.disconnect());
    view.rerender({ token: server().url, model: MODEL, tokenSafetyMarginMs: 120_000 });
    await act(() => view.result.current.connect());
    await waitFor(() => expect(view.result.current.status).toBe("connected"));
    expect(server().requests).toBe(2);
    act(() => view.result.current.disconnect());
    await act(() => view.result.current.connect());
    await waitFor(() => expect(view.result.current.status).toBe("connected"));
    expect(server().requests).toBe(3);
  });

  it("tokens are never written to localStorage, sessionStorage or cookies", async () => {
    const view = renderRealtime({ token: server().url, model: MODEL });
    await waitFor(() => expect(view.result.current.status).toBe("connected"));
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).toBe("");
  });
});
