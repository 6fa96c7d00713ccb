import type { RealtimeStatus, useDecartRealtime } from "@decart-kit/react";

/** What the hook returns; the page's components take slices of it. */
export type Realtime = ReturnType<typeof useDecartRealtime>;
export type { RealtimeError, RealtimeStatus } from "@decart-kit/react";

/** Statuses in which a session is being set up or is running, so the primary button stops it. */
export function isActive(status: RealtimeStatus): boolean {
  return status !== "idle" && status !== "ended" && status !== "error";
}
