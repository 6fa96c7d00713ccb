"use client";
import type { ConnectionQuality, ConnectionQualityReport } from "@decartai/sdk";
import { useEffect, useRef, useState } from "react";
import type { DecartRealtime } from "./use-decart-realtime";

/** The connection's quality level, and the latest full report (read it when you render; it does not re-render). */
export interface RealtimeQuality {
  /** `"good" | "fair" | "poor" | "critical"`, or `null` before the SDK's first verdict. */
  quality: ConnectionQuality | null;
  /** The SDK's latest report (metrics, limiting factor); updated on every stats tick without a render. */
  latest: { current: ConnectionQualityReport | null };
}

/**
 * Opt-in connection quality for a session from `useDecartRealtime`: re-renders only when the level changes,
 * never on each stats tick. Resets with every new session.
 * @example const { quality } = useConnectionQuality(realtime); // "good" | "fair" | "poor" | "critical" | null
 */
export function useConnectionQuality(realtime: Pick<DecartRealtime, "getClient" | "sessionId">): RealtimeQuality {
  const [quality, setQuality] = useState<ConnectionQuality | null>(null);
  const latest = useRef<ConnectionQualityReport | null>(null);
  const level = useRef<ConnectionQuality | null>(null);
  const { getClient, sessionId } = realtime;
  useEffect(() => {
    const client = sessionId ? getClient() : null;
    const show = (report: ConnectionQualityReport | null) => {
      latest.current = report;
      // Only a new level renders (React's own same-value bail-out may still render once; this never does).
      if (level.current === (report?.quality ?? null)) return;
      level.current = report?.quality ?? null;
      setQuality(level.current);
    };
    show(client?.getConnectionQuality?.() ?? null);
    if (!client) return;
    const onReport = (report: ConnectionQualityReport) => show(report);
    client.on("connectionQuality", onReport);
    return () => client.off("connectionQuality", onReport);
  }, [getClient, sessionId]);
  return { quality, latest };
}
