import { endpointOf, post } from "./token-fetch";
import type { LeaseHolder, RealtimeToken, TokenSourceOption } from "./types";

/**
 * Gives a session-admission lease back (`{ release: id }`), fire and forget: `keepalive` lets the request outlive
 * a closing page. The endpoint answers the same whether or not the lease was still held.
 */
export function releaseLease(source: TokenSourceOption | undefined, leaseId: string): void {
  const endpoint = endpointOf(source);
  if (!endpoint) return;
  const request = post(endpoint, { release: leaseId }, { keepalive: true }).catch(() => {
    // Nothing to do: an unreleased lease frees itself at its expiry.
  });
  releasing.add(request);
  void request.finally(() => releasing.delete(request));
}

/** Releases on their way to the endpoint. */
const releasing = new Set<Promise<unknown>>();

/**
 * Resolves once the releases sent so far have been answered (or after `maxMs`). A token request sent before would
 * race its own release: the endpoint could still count the old lease and answer `session_limit` (Stop, then Start).
 */
export function releasesSettled(maxMs = 2000): Promise<unknown> {
  if (releasing.size === 0) return Promise.resolve();
  return Promise.race([Promise.all(releasing), new Promise((resolve) => setTimeout(resolve, maxMs))]);
}

/**
 * The session-admission lease the hook holds (when the token endpoint admits sessions). It is kept across the
 * hook's own reconnects: a reconnect asks for a new token, nothing more, and a new lease the answer carries
 * replaces the old one (released at once). It is given back when the session ends for good: disconnect, unmount,
 * `ended`, an error, and page hide (a closing tab), since nobody else can take the slot before it expires otherwise.
 */
export class LeaseKeeper implements LeaseHolder {
  #held: { id: string; source: TokenSourceOption | undefined } | null = null;
  #listening = false;
  readonly #onPageHide = () => this.release();

  get held(): string | null {
    return this.#held?.id ?? null;
  }

  /** Keeps the token's lease (if any); a different lease held before is released. */
  keep(token: RealtimeToken, source: TokenSourceOption | undefined): void {
    if (!token.lease || token.lease.id === this.#held?.id) return;
    this.release();
    this.#held = { id: token.lease.id, source };
    if (!this.#listening && typeof window !== "undefined") {
      window.addEventListener("pagehide", this.#onPageHide);
      this.#listening = true;
    }
  }

  release(): void {
    const held = this.#held;
    this.#held = null;
    if (this.#listening) {
      window.removeEventListener("pagehide", this.#onPageHide);
      this.#listening = false;
    }
    if (held) releaseLease(held.source, held.id);
  }
}
