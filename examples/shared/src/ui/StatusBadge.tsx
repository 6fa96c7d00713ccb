import { isActive, queueText, type Realtime, type RealtimeStatus } from "./realtime";

const LABELS: Record<RealtimeStatus, string> = {
  idle: "Not connected",
  previewing: "Camera preview",
  "requesting-media": "Starting camera…",
  "fetching-token": "Authorizing…",
  connecting: "Connecting…",
  connected: "Connected",
  generating: "Live",
  reconnecting: "Reconnecting…",
  ended: "Session ended",
  error: "Stopped",
};

const TONES: Partial<Record<RealtimeStatus, string>> = {
  connected: "good",
  generating: "good",
  reconnecting: "warn",
  error: "bad",
};

export interface StatusBadgeProps {
  status: RealtimeStatus;
  queuePosition: Realtime["queuePosition"];
}

/** The session's state in a word or two; while the app or Decart queues the session, its place in line. */
export function StatusBadge({ status, queuePosition }: StatusBadgeProps) {
  const label = (isActive(status) && queueText(queuePosition, "short")) || LABELS[status];
  return (
    <output className="status" data-tone={TONES[status] ?? (status === "idle" ? "idle" : "busy")} data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      {label}
    </output>
  );
}
