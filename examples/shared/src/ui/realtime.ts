import type { RealtimeStatus, useDecartRealtime } from "@decart-kit/react";

/** What the hook returns; the page's components take slices of it. */
export type Realtime = ReturnType<typeof useDecartRealtime>;
export type { RealtimeError, RealtimeStatus } from "@decart-kit/react";

/** Statuses in which a session is being set up or is running, so the primary button stops it. */
export function isActive(status: RealtimeStatus): boolean {
  return status !== "idle" && status !== "ended" && status !== "error";
}

/** A place in line; `source` says whose line: this app's session admission or Decart's own queue. */
type QueuePosition = NonNullable<Realtime["queuePosition"]>;

/** The place in line in words, or null when not waiting. The app's own line reads "You're #N in line". */
export function queueText(queuePosition: QueuePosition | null, style: "short" | "long"): string | null {
  if (!queuePosition) return null;
  const { position, queueSize } = queuePosition;
  if (queuePosition.source === "app") return `You're #${position} in line`;
  return style === "short" ? `In queue · #${position}` : `Waiting in line: #${position} of ${queueSize}`;
}
