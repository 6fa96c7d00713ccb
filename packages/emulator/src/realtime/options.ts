/** Knobs of the realtime control plane (`/v1/stream`), all optional. */
export interface RealtimeOptions {
  /**
   * How many `queue_position` messages a session receives (positions N…1) before `livekit_room_info`,
   * as when Decart has no free GPU.
   * @default 0
   */
  queuePositions?: number;
  /**
   * Pause between two `queue_position` messages.
   * @default 100
   */
  queueStepMs?: number;
  /**
   * Delay between `livekit_join` (and the queue, if any) and `livekit_room_info`.
   * @default 0
   * @example 2000 // to watch a "connecting" state
   */
  roomInfoDelayMs?: number;
  /**
   * Concurrent sessions allowed per account (a permanent key, counting the sessions of every token it minted).
   * A session over the cap is closed with code 1013 and a "session limit" reason.
   * @default undefined (no cap)
   */
  maxSessionsPerKey?: number;
}

export type ResolvedRealtimeOptions = Required<Omit<RealtimeOptions, "maxSessionsPerKey">> &
  Pick<RealtimeOptions, "maxSessionsPerKey">;

/** Validates the knobs once, at `startEmulator`, with errors that name the option. */
export function resolveRealtimeOptions(options: RealtimeOptions = {}): ResolvedRealtimeOptions {
  const resolved = {
    queuePositions: options.queuePositions ?? 0,
    queueStepMs: options.queueStepMs ?? 100,
    roomInfoDelayMs: options.roomInfoDelayMs ?? 0,
    maxSessionsPerKey: options.maxSessionsPerKey,
  };
  for (const name of ["queuePositions", "queueStepMs", "roomInfoDelayMs"] as const) {
    const value = resolved[name];
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`startEmulator: realtime.${name} must be an integer >= 0, got ${String(value)}`);
    }
  }
  const cap = resolved.maxSessionsPerKey;
  if (cap !== undefined && (!Number.isInteger(cap) || cap < 1)) {
    throw new RangeError(`startEmulator: realtime.maxSessionsPerKey must be an integer >= 1, got ${String(cap)}`);
  }
  return resolved;
}
