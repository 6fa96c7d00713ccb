import { DecartRealtimeError } from "../errors";

/** The stream a viewer asked for is over: the publisher's session ended (or reconnected into a new room). */
export class StreamEnded extends Error {}

/**
 * What `realtime.subscribe` rejects with, in our codes. The SDK wraps the `/watch-stream` answer into a
 * `WEBRTC_*` error whose `cause` carries "watch-stream request failed (<status>): …"; a malformed subscribe token
 * is a plain `Error("Invalid subscribe token")`. A 404 means the room is no longer live: not an error, the end.
 */
export function watchError(cause: unknown): DecartRealtimeError | StreamEnded {
  if (cause instanceof DecartRealtimeError || cause instanceof StreamEnded) return cause;
  const text = [cause, (cause as { cause?: unknown } | null)?.cause]
    .map((part) => String((part as { message?: unknown } | null)?.message ?? part ?? ""))
    .join(": ");
  if (/watch-stream request failed \(404\)/.test(text)) return new StreamEnded(text);
  if (/invalid subscribe token/i.test(text)) {
    return new DecartRealtimeError("invalid_request", "Invalid subscribe token: the share link is damaged", { cause });
  }
  if (/watch-stream request failed \(401\)/.test(text)) {
    // The platform refused the viewer's token; a fresh one may well be accepted.
    return new DecartRealtimeError("token_expired", `Viewer token refused: ${text}`, { cause, retryable: true });
  }
  return new DecartRealtimeError("connect_failed", `Watching failed: ${text}`, { cause, retryable: true });
}
