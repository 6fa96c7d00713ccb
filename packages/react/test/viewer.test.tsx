import { act, render, renderHook, waitFor } from "@testing-library/react";
import { StrictMode } from "react";
import { describe, expect, it } from "vitest";
import { RealtimeVideo } from "../src/realtime-video";
import type { DecartViewerOptions } from "../src/viewer/types";
import { useDecartViewer } from "../src/viewer/use-decart-viewer";
import { backend } from "./support/env";
import { startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();
const fast = { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

function renderViewer(
  options: Partial<DecartViewerOptions> & Pick<DecartViewerOptions, "subscribeToken">,
  strict = false,
) {
  const statuses: string[] = [];
  const errors: string[] = [];
  const view = renderHook(
    (props: DecartViewerOptions) =>
      useDecartViewer({
        onStatusChange: (status) => statuses.push(status),
        onError: (error) => errors.push(error.code),
        ...props,
      }),
    { initialProps: { token: server().url, reconnect: fast, ...options }, wrapper: strict ? StrictMode : undefined },
  );
  return { ...view, statuses, errors };
}

function Watch({ subscribeToken, token }: { subscribeToken: string; token: string }) {
  const { remoteStream } = useDecartViewer({ subscribeToken, token });
  return <RealtimeVideo stream={remoteStream} data-testid="video" />;
}

describe("useDecartViewer", () => {
  it("fetches a viewer token, subscribes with the share token and shows the publisher's stream", async () => {
    const subscribeToken = backend.watch.publish();
    const { result, statuses } = renderViewer({ subscribeToken });
    await waitFor(() => expect(result.current.remoteStream).not.toBeNull());
    expect(result.current).toMatchObject({ status: "connected", error: null });
    expect(statuses).toEqual(["fetching-token", "connecting", "connected"]);
    expect(server().requests).toBe(1);
    expect(backend.watch.openViewers).toHaveLength(1);
    expect(backend.watch.viewers[0]!.apiKey).toBe(server().emulator.issued.at(-1)!.apiKey);
  });

  it("waits idle without a subscribe token, and watches another session when the token changes", async () => {
    const { result, rerender } = renderViewer({ subscribeToken: null });
    await settle();
    expect(result.current.status).toBe("idle");
    expect(server().requests).toBe(0);
    const first = backend.watch.publish("room-first");
    const second = backend.watch.publish("room-second");
    rerender({ token: server().url, reconnect: fast, subscribeToken: first });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    rerender({ token: server().url, reconnect: fast, subscribeToken: second });
    await waitFor(() => expect(backend.watch.openViewers.map((viewer) => viewer.roomName)).toEqual(["room-second"]));
    await waitFor(() => expect(result.current.status).toBe("connected"));
    // The fresh token was reused: watching another session is not a new viewer identity.
    expect(server().requests).toBe(1);
  });

  it("ends cleanly when the publisher's session ends: `ended`, no error, nothing left open", async () => {
    const subscribeToken = backend.watch.publish();
    const { result, statuses, errors } = renderViewer({ subscribeToken });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    act(() => backend.watch.end(subscribeToken));
    await waitFor(() => expect(result.current.status).toBe("ended"));
    expect(result.current).toMatchObject({ remoteStream: null, error: null });
    expect(statuses.slice(-2)).toEqual(["reconnecting", "ended"]);
    expect(errors).toEqual([]);
    expect(backend.watch.openViewers).toHaveLength(0);
  });

  it("watches again after a drop while the session is still live", async () => {
    const subscribeToken = backend.watch.publish();
    const { result, statuses } = renderViewer({ subscribeToken });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    const first = backend.watch.viewers[0]!;
    act(() => first.drop());
    await waitFor(() => expect(backend.watch.openViewers).toHaveLength(1));
    await waitFor(() => expect(result.current.remoteStream).not.toBeNull());
    expect(result.current.status).toBe("connected");
    expect(backend.watch.openViewers[0]).not.toBe(first);
    expect(statuses.slice(-2)).toEqual(["reconnecting", "connected"]);
  });

  it("replaces a refused viewer token with a fresh one", async () => {
    const subscribeToken = backend.watch.publish();
    let refusals = 1;
    backend.watch.checkToken = () => (refusals-- > 0 ? "the client token has expired" : null);
    const { result } = renderViewer({ subscribeToken });
    await waitFor(() => expect(result.current.status).toBe("connected"));
    expect(server().requests).toBe(2);
  });

  it("reports coded errors: a damaged link at once, an unreachable platform after the attempts", async () => {
    const damaged = renderViewer({ subscribeToken: "not-a-token" });
    await waitFor(() => expect(damaged.result.current.status).toBe("error"));
    expect(damaged.result.current.error).toMatchObject({ code: "invalid_request", retryable: false });
    expect(damaged.errors).toEqual(["invalid_request"]);
    damaged.unmount();

    backend.watch.checkToken = () => "invalid api key";
    server().policy({}); // every fresh token is refused too
    const refused = renderViewer({ subscribeToken: backend.watch.publish() });
    await waitFor(() => expect(refused.result.current.status).toBe("error"));
    expect(refused.result.current.error?.code).toBe("token_expired");
    expect(backend.watch.watchRequests).toBe(1 + fast.attempts);
  });

  it("a viewer token endpoint that fails is token_fetch_failed or the endpoint's own code", async () => {
    server().emulator.fault({ type: "status", status: 500 });
    const { result } = renderViewer({ subscribeToken: backend.watch.publish(), reconnect: false });
    await waitFor(() => expect(result.current.status).toBe("error"));
    expect(result.current.error?.code).toBe("upstream_error");
    expect(backend.watch.watchRequests).toBe(0);
  });

  it("leaks nothing on unmount, even mid-subscribe, and subscribes once under StrictMode", async () => {
    const subscribeToken = backend.watch.publish();
    backend.watch.joinDelayMs = 100;
    const early = renderViewer({ subscribeToken });
    await waitFor(() => expect(backend.watch.watchRequests).toBe(1));
    early.unmount();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(backend.watch.openViewers).toHaveLength(0);

    backend.watch.joinDelayMs = 1;
    const strict = renderViewer({ subscribeToken }, true);
    await waitFor(() => expect(strict.result.current.status).toBe("connected"));
    await settle();
    expect(backend.watch.openViewers).toHaveLength(1);
    strict.unmount();
    expect(backend.watch.openViewers).toHaveLength(0);
  });

  it("<RealtimeVideo> plays the viewer's stream", async () => {
    const { getByTestId } = render(<Watch subscribeToken={backend.watch.publish()} token={server().url} />);
    const video = getByTestId("video") as HTMLVideoElement;
    await waitFor(() => expect(video.srcObject).not.toBeNull());
  });
});
