import { useEffect, useState, useSyncExternalStore } from "react";
import type { DecartViewerOptions, ViewerState } from "./types";
import { ViewerController } from "./viewer-controller";

/**
 * Watches someone else's live Decart session in a component: fetches a viewer token from your endpoint, subscribes
 * with the publisher's subscribe token, watches again after a drop while the session is live, reports `ended` when
 * it is over, and cleans up on unmount.
 *
 * @example
 * const { status, remoteStream } = useDecartViewer({ subscribeToken: location.hash.slice(1) || null });
 * return status === "ended" ? <p>The stream has ended.</p> : <RealtimeVideo stream={remoteStream} />;
 */
export function useDecartViewer(options: DecartViewerOptions): ViewerState {
  // Created once per component; the constructor has no side effects, so StrictMode's double call is harmless.
  const [controller] = useState(() => new ViewerController(options));
  const state = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);

  // Latest options (callbacks included) on every commit; another subscribe token or token source watches afresh.
  useEffect(() => {
    controller.setOptions(options);
  });

  // Safe to run twice (StrictMode): unmount releases everything and the second mount starts afresh; watching waits
  // a microtask, so the first, discarded mount never fetches a token or subscribes.
  useEffect(() => {
    controller.mount();
    return () => controller.unmount();
  }, [controller]);

  return state;
}
