import { useEffect, useState } from "react";
import type { RealtimeStatus } from "./realtime";

const PATIENCE_MS = 8000;

/**
 * On the emulator, a session that stays "connecting" is almost always a browser refusing WebRTC over 127.0.0.1
 * (the SDK keeps retrying quietly). Say so after a few seconds instead of spinning forever.
 */
export function SlowConnectHint({ status }: { status: RealtimeStatus }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (status !== "connecting" && status !== "reconnecting") return;
    const timer = setTimeout(() => setSlow(true), PATIENCE_MS);
    return () => clearTimeout(timer);
  }, [status]);
  if (!slow) return null;
  return (
    <aside className="banner" data-testid="slow-connect-hint">
      <strong>Still connecting?</strong> The emulator's video runs on 127.0.0.1 only. Start Chrome with{" "}
      <code>--allow-loopback-in-peer-connection</code> (Firefox: <code>media.peerconnection.ice.loopback</code> = true
      in about:config) and reload.
    </aside>
  );
}
