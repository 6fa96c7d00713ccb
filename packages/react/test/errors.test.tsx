import { act, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { liveTracks } from "../src/testing/fake-media";
import { backend, camera } from "./support/env";
import { MODEL, renderRealtime, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();

async function settledError(options: Parameters<typeof renderRealtime>[0]) {
  // No retries here: these tests are about the code a failure ends in (retries have their own tests).
  const view = renderRealtime({ reconnect: false, ...options });
  await waitFor(() => expect(view.result.current.status).toBe("error"));
  return view;
}

describe("errors land in `error`, never thrown out of render (7)", () => {
  it("401 from the token endpoint: unauthorized, not retryable; connect() works again once allowed", async () => {
    server().policy({ authorize: () => null });
    const { result, errors } = await settledError({ token: server().url, model: MODEL });
    expect(result.current.error).toMatchObject({ code: "unauthorized", retryable: false });
    expect(errors).toEqual(["unauthorized"]);
    expect(liveTracks()).toHaveLength(0);
    server().policy({});
    await act(() => result.current.connect());
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(result.current.error).toBeNull();
  });

  it("Decart failing behind the endpoint (5xx): upstream_error, retryable", async () => {
    server().emulator.fault({ type: "status", status: 503 });
    const { result } = await settledError({ token: server().url, model: MODEL });
    expect(result.current.error).toMatchObject({ code: "upstream_error", retryable: true });
    expect(result.current.error?.message).not.toContain("ek_");
  });

  it("model outside the policy: model_not_allowed from the endpoint", async () => {
    server().policy({ allowedModels: ["lucy-2.5"] });
    const { result } = await settledError({ token: server().url, model: MODEL });
    expect(result.current.error).toMatchObject({ code: "model_not_allowed", retryable: false });
  });

  it("endpoint unreachable: token_fetch_failed", async () => {
    const { result } = await settledError({ token: "http://127.0.0.1:9/api/realtime-token", model: MODEL });
    expect(result.current.error).toMatchObject({ code: "token_fetch_failed", retryable: true });
  });

  it("an answer that is not a token: token_fetch_failed", async () => {
    server().emulator.fault({ type: "non-ek-key" });
    const { result } = await settledError({ token: server().url, model: MODEL });
    expect(result.current.error?.code).toMatch(/upstream_error|token_fetch_failed/);
  });

  it.each([
    ["NotAllowedError", "camera_denied"],
    ["NotFoundError", "camera_not_found"],
    ["NotReadableError", "camera_in_use"],
  ] as const)("camera %s: %s, and the pending token fetch is dropped", async (name, code) => {
    camera.deny(name);
    const { result } = await settledError({ token: server().url, model: MODEL });
    expect(result.current.error?.code).toBe(code);
    expect(backend.sessions).toHaveLength(0);
  });

  it("an unknown model name: model_not_found, without opening the camera or fetching a token", async () => {
    const { result } = await settledError({ token: server().url, model: "lucy_2_rt" as "lucy-2.1" });
    expect(result.current.error).toMatchObject({ code: "model_not_found", retryable: false });
    expect(camera.calls).toHaveLength(0);
    expect(server().requests).toBe(0);
  });

  it("the server refusing the session: its reason as a code; other connect failures: connect_failed", async () => {
    backend.handshake = async () => {
      throw Object.assign(new Error("origin not allowed"), { source: "server" });
    };
    const refused = await settledError({ token: server().url, model: MODEL });
    expect(refused.result.current.error).toMatchObject({ code: "origin_not_allowed", retryable: false });
    refused.unmount();

    backend.handshake = async () => {
      throw new Error("WebSocket closed: 1006 ");
    };
    const failed = await settledError({ token: server().url, model: MODEL });
    expect(failed.result.current.error).toMatchObject({ code: "connect_failed", retryable: true });
    expect(liveTracks()).toHaveLength(0);
    expect(backend.openSessions).toHaveLength(0);

    backend.reset();
    await act(() => failed.result.current.connect());
    await waitFor(() => expect(failed.result.current.status).toBe("connected"));
  });

  it("an invalid clientOptions URL (the SDK throws): connect_failed", async () => {
    const { result } = await settledError({ token: server().url, model: MODEL, clientOptions: { baseUrl: "nope" } });
    expect(result.current.error?.code).toBe("connect_failed");
  });

  it("a token function that throws: token_fetch_failed with the cause", async () => {
    const cause = new Error("offline");
    const { result } = await settledError({
      token: async () => {
        throw cause;
      },
      model: MODEL,
    });
    expect(result.current.error).toMatchObject({ code: "token_fetch_failed" });
    expect(result.current.error?.cause).toBe(cause);
  });
});
