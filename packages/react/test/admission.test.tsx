import { act, waitFor } from "@testing-library/react";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sessionAdmission } from "../src/admission";
import { liveTracks } from "../src/testing/fake-media";
import { type AdmissionServer, startAdmissionServer } from "./support/admission-server";
import { backend } from "./support/env";
import { MODEL, renderRealtime } from "./support/harness";

let server: AdmissionServer;
beforeAll(async () => {
  server = await startAdmissionServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  // The previous test's unmount releases its lease with a fire-and-forget request: let it land first.
  await new Promise((resolve) => setTimeout(resolve, 100));
  server.reset();
});

const fast = { attempts: 3, baseDelayMs: 10, maxDelayMs: 40 };

describe("session admission (issue 13, hook side)", () => {
  it("202: shows the app's queue position, asks again with the ticket, connects when admitted", async () => {
    server.queueRounds = 2;
    const { result, shown } = renderRealtime({ token: server.url, admission: sessionAdmission, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const queued = shown.map((r) => r.queuePosition).filter(Boolean);
    expect(queued).toContainEqual({ position: 2, queueSize: 3, source: "app" });
    expect(queued).toContainEqual({ position: 1, queueSize: 2, source: "app" });
    expect(result.current.queuePosition).toBeNull();
    expect(server.requests.map((r) => r.body)).toEqual([
      { model: MODEL },
      { model: MODEL, ticket: "ticket-1" },
      { model: MODEL, ticket: "ticket-1" },
    ]);
    expect(backend.openSessions[0]?.apiKey).toBe("ek_admitted_1");
  });

  it("sends POST with Content-Type: application/json and the endpoint's headers and credentials", async () => {
    const { result } = renderRealtime({
      token: { url: server.url, headers: async () => ({ authorization: "Bearer user-1" }), credentials: "include" },
      admission: sessionAdmission,
      model: MODEL,
    });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(server.requests[0]?.headers["content-type"]).toBe("application/json");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer user-1");
  });

  it("releases the lease on disconnect, with the same headers, and mints a new one for the next session", async () => {
    const { result } = renderRealtime({
      token: { url: server.url, headers: { "x-user": "u1" } },
      model: MODEL,
      admission: sessionAdmission,
    });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    act(() => result.current.disconnect());
    await waitFor(() => expect(server.released).toEqual(["lease-1"]));
    const release = server.requests.at(-1)!;
    expect(release.body).toEqual({ release: "lease-1" });
    expect(release.headers["x-user"]).toBe("u1");
    expect(release.headers["content-type"]).toBe("application/json");
    await act(() => result.current.connect());
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(server.leases).toEqual(["lease-1", "lease-2"]);
  });

  it("releases the lease on unmount and on page hide", async () => {
    const first = renderRealtime({ token: server.url, admission: sessionAdmission, model: MODEL });
    await waitFor(() => expect(first.result.current.status).toBe("connected"));
    first.unmount();
    await waitFor(() => expect(server.released).toEqual(["lease-1"]));

    const second = renderRealtime({ token: server.url, admission: sessionAdmission, model: MODEL });
    await waitFor(() => expect(second.result.current.status).toBe("connected"));
    window.dispatchEvent(new Event("pagehide"));
    await waitFor(() => expect(server.released).toEqual(["lease-1", "lease-2"]));
    second.unmount();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.released).toEqual(["lease-1", "lease-2"]);
  });

  it("releases the lease when the server ends the session", async () => {
    const { result } = renderRealtime({ token: server.url, admission: sessionAdmission, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    act(() => backend.end(backend.openSessions[0]!, "max_session_duration"));
    await waitFor(() => expect(result.current.status).toBe("ended"));
    expect(result.current.endReason).toBe("max_session_duration");
    await waitFor(() => expect(server.released).toEqual(["lease-1"]));
  });

  it("keeps the lease across its own reconnect (no release, no new token while the old one is fresh)", async () => {
    const { result } = renderRealtime({
      token: server.url,
      admission: sessionAdmission,
      model: MODEL,
      reconnect: fast,
    });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    act(() => backend.drop(backend.openSessions[0]!));
    await waitFor(() => expect(result.current.status).toBe("reconnecting"));
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(backend.sessions.filter((s) => s.apiKey === "ek_admitted_1").length).toBeGreaterThanOrEqual(2);
    expect(server.released).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("a reconnect that needs a new token asks with { model, ticket: lease.id }: same slot, lease renewed", async () => {
    // A margin longer than the token's life: every new connection needs a new token.
    const options = {
      token: server.url,
      admission: sessionAdmission,
      model: MODEL,
      reconnect: fast,
      tokenSafetyMarginMs: 120_000,
    };
    const { result, errors } = renderRealtime(options);
    await waitFor(() => expect(result.current.status).toBe("connected"));
    act(() => backend.drop(backend.openSessions[0]!));
    await waitFor(() => expect(backend.openSessions[0]?.apiKey).toBe("ek_admitted_2"));
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(server.requests.map((r) => r.body)).toEqual([{ model: MODEL }, { model: MODEL, ticket: "lease-1" }]);
    expect(server.renewed).toEqual(["lease-1"]);
    expect(server.leases).toEqual(["lease-1"]);
    expect(server.released).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a second session of the same caller past maxPerIdentity is session_limit (a plain { model } takes a slot)", async () => {
    const first = renderRealtime({ token: server.url, admission: sessionAdmission, model: MODEL });
    await waitFor(() => expect(first.result.current.status).toBe("connected"));
    const second = renderRealtime({ token: server.url, admission: sessionAdmission, model: MODEL, reconnect: false });
    await waitFor(() => expect(second.result.current.status).toBe("error"));
    expect(second.result.current.error).toMatchObject({ code: "session_limit", retryable: true });
    expect(server.requests.map((r) => r.body)).toEqual([{ model: MODEL }, { model: MODEL }]);
  });

  it("without `admission`, an endpoint that queues or hands out leases is misconfigured, said at once", async () => {
    const { result } = renderRealtime({ token: server.url, model: MODEL });
    await waitFor(() => expect(result.current.status).toBe("error"));
    expect(result.current.error).toMatchObject({ code: "misconfigured", retryable: false });
    expect(result.current.error?.message).toContain("@decart-kit/react/admission");
    expect(server.requests).toHaveLength(1);
  });

  it("session_limit and capacity from the endpoint are retried, waiting the retryAfter the server asked for", async () => {
    server.refuse = { status: 429, code: "session_limit", retryAfter: 0.3, times: 1 };
    const started = Date.now();
    const { result, errors } = renderRealtime({
      token: server.url,
      admission: sessionAdmission,
      model: MODEL,
      reconnect: fast,
    });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(server.requests).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it("capacity refused every time ends in error with its code, retryAfter and nothing left open", async () => {
    server.refuse = { status: 503, code: "capacity", retryAfter: 0.01, times: 99 };
    const { result } = renderRealtime({
      token: server.url,
      admission: sessionAdmission,
      model: MODEL,
      reconnect: fast,
    });
    await waitFor(() => expect(result.current.status).toBe("error"), { timeout: 3000 });
    expect(result.current.error).toMatchObject({ code: "capacity", retryable: true, retryAfter: 0.01 });
    expect(server.requests).toHaveLength(1 + fast.attempts);
    expect(liveTracks()).toHaveLength(0);
  });

  it("Decart's session cap (socket closed with 1013) is capacity, reported at once, not after the SDK's retries", async () => {
    backend.sessionCap = 1;
    server.maxPerIdentity = 2;
    const first = renderRealtime({ token: server.url, admission: sessionAdmission, model: MODEL });
    await waitFor(() => expect(first.result.current.status).toBe("connected"));
    const second = renderRealtime({ token: server.url, admission: sessionAdmission, model: MODEL, reconnect: false });
    await waitFor(() => expect(second.result.current.status).toBe("error"), { timeout: 1000 });
    expect(second.result.current.error).toMatchObject({ code: "capacity", retryable: true });
    expect(second.errors).toEqual(["capacity"]);
  });
});
