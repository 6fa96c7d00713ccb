import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { DecartRealtimeOptions } from "./options";
import { SessionController } from "./session-controller";
import type { ImageInput, PromptInput, RealtimeState } from "./types";

/** What `useDecartRealtime` returns: the session's state plus stable actions. */
export interface DecartRealtime extends RealtimeState {
  /** Starts a session (after `autoConnect: false`, an error, `ended` or `disconnect()`). Never rejects. */
  connect: () => Promise<void>;
  /** Ends the session and stops the camera tracks the hook opened (never yours). */
  disconnect: () => void;
  /** Sends a prompt now, or when the session connects (the latest call wins). */
  setPrompt: (prompt: PromptInput) => void;
  /** Sends a reference image now, or when the session connects (the latest call wins). `null` clears it. */
  setImage: (image: ImageInput) => void;
}

/**
 * A Decart realtime session in a component: fetches a client token from your endpoint and the camera in parallel,
 * connects with `@decartai/sdk`, reconnects with a fresh token when the session drops, and cleans up on unmount.
 *
 * @example
 * const { status, remoteStream, error } = useDecartRealtime({ model: "lucy-2.1", prompt: "Anime style" });
 * return <RealtimeVideo stream={remoteStream} />;
 */
export function useDecartRealtime(options: DecartRealtimeOptions): DecartRealtime {
  // Created once per component; the constructor has no side effects, so StrictMode's double call is harmless.
  const [controller] = useState(() => new SessionController(options));
  const state = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);

  // Latest options (callbacks included) on every commit; a change of model, token source or stream restarts.
  useEffect(() => {
    controller.setOptions(options);
  });

  // Safe to run twice (StrictMode): unmount releases everything, the second mount starts afresh, and the connect
  // itself waits a microtask so the first, discarded mount never opens a camera or fetches a token.
  useEffect(() => {
    controller.mount();
    return () => controller.unmount();
  }, [controller]);

  // The actions are the controller's bound methods: stable for the component's life.
  const { connect, disconnect, setPrompt, setImage } = controller;
  return useMemo(
    () => ({ ...state, connect, disconnect, setPrompt, setImage }),
    [state, connect, disconnect, setPrompt, setImage],
  );
}
