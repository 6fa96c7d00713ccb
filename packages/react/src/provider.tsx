"use client";
import { createContext, type ReactNode, useContext, useState } from "react";
import type { CheckedOptions } from "./options";
import { SessionController } from "./session-controller";
import { type DecartRealtime, useSessionController } from "./use-decart-realtime";

const SessionContext = createContext<DecartRealtime | null>(null);

/**
 * One session shared by every component below it: the preview, the controls and the output read the same
 * session instead of opening one each. Takes the options of `useDecartRealtime`.
 * @example <DecartRealtimeProvider model="lucy-2.1" prompt="anime"><Controls /><Output /></DecartRealtimeProvider>
 */
export function DecartRealtimeProvider<Name extends string = string>({
  children,
  ...options
}: CheckedOptions<Name> & { children?: ReactNode }) {
  const [controller] = useState(() => new SessionController(options));
  const realtime = useSessionController(controller, options);
  return <SessionContext.Provider value={realtime}>{children}</SessionContext.Provider>;
}

/** The session of the nearest `<DecartRealtimeProvider>`. Throws outside one (a missing provider is a bug). */
export function useDecartSession(): DecartRealtime {
  const realtime = useContext(SessionContext);
  if (!realtime) throw new Error("useDecartSession() needs a <DecartRealtimeProvider> above it");
  return realtime;
}
