/** One ask for a slot, with everything a store needs to decide it in one atomic step. */
export interface AcquireRequest {
  /** Who asks: the caller's key (identity, else IP). Leases and tickets belong to it. */
  owner: string;
  /**
   * The ticket of an earlier 202, when the caller sent one; or the id of a lease it holds, to get a fresh token on
   * the same slot (a reconnect): the lease is then renewed for `leaseMs` instead of a second slot being taken.
   */
  ticket: string | undefined;
  /** The id the lease gets if a slot is granted (random, chosen by the route). */
  leaseId: string;
  /** The id a new ticket gets if the caller has to wait (random, chosen by the route). */
  newTicket: string;
  /** How long the lease lasts unless released. */
  leaseMs: number;
  maxTotal: number;
  maxPerIdentity: number;
  /** The waiting line's limits, or undefined when there is no line. */
  queue: { maxSize: number; graceMs: number } | undefined;
}

/** What a store decided. Positions are 1-based. */
export type AcquireResult =
  | { status: "granted"; leaseId: string; expiresAt: number }
  | { status: "queued"; ticket: string; position: number; size: number }
  | { status: "session_limit" }
  | { status: "capacity" };

/**
 * Where session admission keeps its slots, leases and waiting line. `acquire` and `release` must each be atomic
 * across every instance sharing the store: the cap is only as exact as they are.
 */
export interface SessionStore {
  /**
   * Grants a slot, places the caller in line, or refuses. Rules: a caller holding `maxPerIdentity` leases is
   * refused (`session_limit`); a ticket holder is granted a slot when fewer callers stand before it than there are
   * free slots; a caller without a live ticket is granted a slot only when nobody waits; otherwise it joins the
   * back of the line, or is refused (`capacity`) when there is no line or it is full. Asking with a ticket keeps
   * it alive for `graceMs`; asking with a lease one holds renews it; expired leases and tickets are dropped.
   */
  acquire(request: AcquireRequest): Promise<AcquireResult>;
  /** Ends a lease of `owner`. An unknown, expired or foreign lease is left alone (idempotent, no error). */
  release(leaseId: string, owner: string): Promise<void>;
}

interface Lease {
  owner: string;
  expiresAt: number;
}

interface Ticket {
  owner: string;
  expiresAt: number;
}

/** The default store: one process's memory. Several instances need a shared store (`RedisSessionStore`). */
export class MemorySessionStore implements SessionStore {
  readonly #leases = new Map<string, Lease>();
  // A Map iterates in insertion order: the waiting line, first in first.
  readonly #tickets = new Map<string, Ticket>();

  async acquire(request: AcquireRequest): Promise<AcquireResult> {
    const now = Date.now();
    this.#dropExpired(now);
    const { owner, queue } = request;
    const held = request.ticket === undefined ? undefined : this.#leases.get(request.ticket);
    if (held?.owner === owner) {
      held.expiresAt = now + request.leaseMs;
      return { status: "granted", leaseId: request.ticket as string, expiresAt: held.expiresAt };
    }
    const ticket = request.ticket === undefined ? undefined : this.#tickets.get(request.ticket);
    const ownTicket = ticket?.owner === owner ? (request.ticket as string) : undefined;
    if (ownTicket && ticket && queue) ticket.expiresAt = now + queue.graceMs;
    if (this.#leasesOf(owner) >= request.maxPerIdentity) return { status: "session_limit" };
    const free = request.maxTotal - this.#leases.size;
    const ahead = ownTicket ? this.#positionOf(ownTicket) - 1 : this.#tickets.size;
    if (ahead < free) {
      if (ownTicket) this.#tickets.delete(ownTicket);
      const expiresAt = now + request.leaseMs;
      this.#leases.set(request.leaseId, { owner, expiresAt });
      return { status: "granted", leaseId: request.leaseId, expiresAt };
    }
    if (ownTicket) return { status: "queued", ticket: ownTicket, position: ahead + 1, size: this.#tickets.size };
    if (!queue || this.#tickets.size >= queue.maxSize) return { status: "capacity" };
    this.#tickets.set(request.newTicket, { owner, expiresAt: now + queue.graceMs });
    return { status: "queued", ticket: request.newTicket, position: this.#tickets.size, size: this.#tickets.size };
  }

  async release(leaseId: string, owner: string): Promise<void> {
    if (this.#leases.get(leaseId)?.owner === owner) this.#leases.delete(leaseId);
  }

  #dropExpired(now: number): void {
    for (const [id, lease] of this.#leases) if (lease.expiresAt <= now) this.#leases.delete(id);
    for (const [id, ticket] of this.#tickets) if (ticket.expiresAt <= now) this.#tickets.delete(id);
  }

  #leasesOf(owner: string): number {
    let held = 0;
    for (const lease of this.#leases.values()) if (lease.owner === owner) held++;
    return held;
  }

  #positionOf(ticket: string): number {
    let position = 0;
    for (const id of this.#tickets.keys()) {
      position++;
      if (id === ticket) return position;
    }
    return position;
  }
}
