import { isQueuedResponseBody, isTokenResponseBody } from "@decart-kit/core/protocol";
import { DecartRealtimeError } from "./errors";
import { LeaseKeeper, releaseLease, releasesSettled } from "./lease";
import { requestToken } from "./token-fetch";
import type { QueuePosition, RealtimeToken, SessionAdmission, TokenSourceOption } from "./types";

export { LeaseKeeper, releaseLease };

/**
 * A client token from a token source, waiting in the app's queue when the endpoint answers 202: it reports each
 * place through `onQueued`, waits `retryAfter` seconds and asks again with its ticket until admitted. Abort with
 * `signal`. `ticket` is the id of a lease you hold: the endpoint then mints on that slot (and renews the lease)
 * instead of counting a second session. Used by `sessionAdmission`; usable by any client of a decart-kit endpoint.
 * @example const token = await fetchToken("/api/realtime-token", { model: "lucy-2.1", signal });
 */
export async function fetchToken(
  source: TokenSourceOption | undefined,
  options: { model: string; signal: AbortSignal; onQueued?: (position: QueuePosition) => void; ticket?: string },
): Promise<RealtimeToken> {
  let ticket = options.ticket;
  await releasesSettled();
  for (;;) {
    // Not aborted mid-flight: the endpoint may already have granted a slot, and a lease nobody hears of would hold
    // it until it expires ("you already have a session" on the next try). An answer for an abandoned request
    // gives its new lease straight back instead.
    const answer = await requestToken(source, { model: options.model, signal: NEVER_ABORTED, ticket });
    if (options.signal.aborted) {
      const lease = isTokenResponseBody(answer) ? answer.lease : undefined;
      if (lease && lease.id !== options.ticket) releaseLease(source, lease.id);
      throw options.signal.reason ?? new DOMException("Aborted", "AbortError");
    }
    if (isTokenResponseBody(answer)) return answer;
    if (!isQueuedResponseBody(answer)) throw new DecartRealtimeError("token_fetch_failed", "Not a token");
    const { queued, retryAfter } = answer;
    ticket = queued.ticket;
    options.onQueued?.({ position: queued.position, queueSize: queued.size, source: "app" });
    await abortableDelay(Math.max(0.05, retryAfter) * 1000, options.signal);
  }
}

const NEVER_ABORTED = new AbortController().signal;

/**
 * Session admission for `useDecartRealtime({ admission: sessionAdmission })`, for a token endpoint with decart-kit's
 * `sessions` policy: the app's queue (202) and the lease held for the session (kept across reconnects, given back
 * when the session ends). Its own entry so that apps without admission do not ship it.
 */
export const sessionAdmission: SessionAdmission = { fetchToken, leases: () => new LeaseKeeper() };

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      reject(signal.reason ?? new DOMException("Aborted", "AbortError"));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", done);
      resolve();
    }, ms);
    if (signal.aborted) done();
    else signal.addEventListener("abort", done, { once: true });
  });
}
