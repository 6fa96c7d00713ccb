import { renderHook } from "@testing-library/react";
import { StrictMode } from "react";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { DecartRealtimeOptions } from "../../src/options";
import { type DecartRealtime, useDecartRealtime } from "../../src/use-decart-realtime";
import { backend } from "./env";
import { bounceWithEmulator, startTokenServer, type TokenServer } from "./token-server";

/** Starts the real token route (Express + emulator) for this test file; fresh policy and no faults per test. */
export function startTokenRouteForFile(): () => TokenServer {
  let server: TokenServer | undefined;
  beforeAll(async () => {
    server = await startTokenServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server!.policy({});
    server!.emulator.clearFaults();
    server!.requests = 0;
    server!.aborted = 0;
    bounceWithEmulator(backend, server!.emulator);
  });
  return () => server!;
}

/** Renders `useDecartRealtime` and records every render (status and what it returned) and every callback call. */
export function renderRealtime(options: DecartRealtimeOptions, { strict = false } = {}) {
  const renders: string[] = [];
  const shown: DecartRealtime[] = [];
  const statusChanges: string[] = [];
  const errors: string[] = [];
  const withCallbacks = (props: DecartRealtimeOptions): DecartRealtimeOptions => ({
    onStatusChange: (status) => statusChanges.push(status),
    onError: (error) => errors.push(error.code),
    ...props,
  });
  const view = renderHook(
    (props: DecartRealtimeOptions) => {
      const realtime = useDecartRealtime(withCallbacks(props));
      renders.push(realtime.status);
      shown.push(realtime);
      return realtime;
    },
    { initialProps: options, wrapper: strict ? StrictMode : undefined },
  );
  return { ...view, renders, shown, statusChanges, errors };
}

export const MODEL = "lucy-2.1";
