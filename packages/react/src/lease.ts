import { releaseLease } from "./token-fetch";
import type { RealtimeToken, TokenSourceOption } from "./types";

/**
 * The session-admission lease the hook holds (when the token endpoint admits sessions). It is kept across the
 * hook's own reconnects: a reconnect asks for a new token, nothing more, and a new lease the answer carries
 * replaces the old one (released at once). It is given back when the session ends for good: disconnect, unmount,
 * `ended`, an error, and page hide (a closing tab), since nobody else can take the slot before it expires otherwise.
 */
export class LeaseKeeper {
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
