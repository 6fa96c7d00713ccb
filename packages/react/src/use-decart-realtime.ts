"use client";
import type { RealTimeClient } from "@decartai/sdk";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { CheckedOptions, DecartRealtimeOptions } from "./options";
import { SessionController } from "./session-controller";
import type { CameraOptions, ImageInput, PromptInput, RealtimeInput, RealtimeState } from "./types";

/** What `useDecartRealtime` returns: the session's state plus stable actions. */
export interface DecartRealtime extends RealtimeState {
  /** Starts a session (after `enabled: false`, an error, `ended` or `disconnect()`). Never rejects. */
  connect: () => Promise<void>;
  /** Ends the session, releases its lease and stops the camera tracks the hook opened (never yours). */
  disconnect: () => void;
  /** Opens the camera for a preview, with no token and no session; `connect()` then reuses it. */
  startPreview: () => Promise<void>;
  /** Sends prompt, enhancement and image in one message, now or when the session connects (latest wins). */
  set: (input: RealtimeInput) => void;
  /** Sends a prompt now, or when the session connects (the latest call wins; fast changes coalesce). */
  setPrompt: (prompt: PromptInput) => void;
  /** Sends a reference image now, or when the session connects (the latest call wins). `null` clears it. */
  setImage: (image: ImageInput) => void;
  /** Opens another camera and publishes it in the running session, without a new Decart session. */
  switchCamera: (camera?: CameraOptions) => Promise<void>;
  /**
   * The live `@decartai/sdk` client for what the hook does not wrap (`null` without a session). Never call its
   * `disconnect()` or reconnect it yourself: the hook owns its life and would not know.
   */
  getClient: () => RealTimeClient | null;
}

/**
 * A Decart realtime session in a component: fetches a client token from your endpoint and the camera in parallel,
 * connects with `@decartai/sdk`, reconnects with a fresh token when the session drops, and cleans up on unmount.
 *
 * @example
 * const { status, remoteStream, error } = useDecartRealtime({ model: "lucy-2.1", prompt: "Anime style" });
 * return <RealtimeVideo stream={remoteStream} />;
 */
export function useDecartRealtime<Name extends string = string>(options: CheckedOptions<Name>): DecartRealtime {
  // Created once per component; the constructor has no side effects, so StrictMode's double call is harmless.
  const [controller] = useState(() => new SessionController(options));
  return useSessionController(controller, options);
}

/** Binds a controller to a component: latest options on every commit, mount/unmount, the state as a snapshot. */
export function useSessionController(controller: SessionController, options: DecartRealtimeOptions): DecartRealtime {
  const state = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);

  // Latest options (callbacks included) on every commit; a change of model, token source or `enabled` acts.
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
  return useMemo(() => {
    const { connect, disconnect, startPreview, set, setPrompt, setImage, switchCamera, getClient } = controller;
    return { ...state, connect, disconnect, startPreview, set, setPrompt, setImage, switchCamera, getClient };
  }, [state, controller]);
}
