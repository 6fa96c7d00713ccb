import { DEFAULT_IPV6_SUBNET } from "../client-key";
import { TokenRouteError } from "../errors";
import type { RouteLogger } from "../logger";
import type { GrantedTokenOptions, TokenRequestContext } from "../policy";
import type { QueuedResponseBody, SessionLease } from "../protocol";
import { defaultRateLimitKey, withinBudget } from "../rate-limit";
import { LEASE_MARGIN_SECONDS, type ResolvedSessionOptions } from "./options";
import type { AcquireResult } from "./store";

type AnyContext = TokenRequestContext<unknown, unknown>;

interface AdmissionDeps {
  logger: RouteLogger;
  /** The route's time budget: a store that takes longer is treated as down. */
  budgetMs: number;
}

/** A slot was granted: the lease to hand out, and how to give the slot back if no token comes of it. */
export interface GrantedSession {
  lease: SessionLease;
  giveBack(): Promise<void>;
}

export type Admission = { granted: GrantedSession } | { queued: QueuedResponseBody };

/** Seconds a client is asked to wait when the session store is down (long enough for a store to come back). */
export const STORE_DOWN_RETRY_AFTER = 5;

// Web Crypto and btoa rather than node:crypto: the route also runs on Workers and edge runtimes.
function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const base64 = btoa(String.fromCharCode(...bytes));
  return `${prefix}_${base64.replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "")}`;
}

// The same owner as the default rate-limit bucket: the identity's id, else the client's address (IPv6 by its /56).
const defaultOwner = defaultRateLimitKey(DEFAULT_IPV6_SUBNET);

function ownerOf(sessions: ResolvedSessionOptions, ctx: AnyContext): string {
  return (sessions.key ?? defaultOwner)(ctx);
}

/** Token lifetime + the longest session it can open + a margin, capped by `leaseSeconds`. */
function leaseMsFor(sessions: ResolvedSessionOptions, granted: GrantedTokenOptions, logger: RouteLogger): number {
  const maxSessionDuration = granted.constraints?.realtime?.maxSessionDuration;
  if (maxSessionDuration === undefined) {
    // Only reachable through a constraints function: a fixed policy without it is refused at creation.
    logger.error("sessions needs constraints.realtime.maxSessionDuration; the constraints function returned none");
    throw new TokenRouteError("internal_error", "The token route failed");
  }
  const boundMs = (granted.expiresIn + maxSessionDuration + LEASE_MARGIN_SECONDS) * 1000;
  return Math.min(sessions.leaseMs ?? boundMs, boundMs);
}

function storeDown(action: string, cause: unknown, logger: RouteLogger): TokenRouteError {
  logger.error(`session store failed to ${action}; refusing the request`, { error: cause });
  return new TokenRouteError("capacity", `Session admission is unavailable; retry in ${STORE_DOWN_RETRY_AFTER} s`, {
    retryAfter: STORE_DOWN_RETRY_AFTER,
    cause,
  });
}

/**
 * Asks the store for a slot for this request. Resolves with a lease or a place in line; throws `session_limit`
 * (the caller holds its maximum) or `capacity` (no slot, no room in line, or the store is down: fail closed).
 */
export async function admitSession(
  sessions: ResolvedSessionOptions,
  ctx: AnyContext,
  granted: GrantedTokenOptions,
  deps: AdmissionDeps,
): Promise<Admission> {
  const owner = ownerOf(sessions, ctx);
  const request = {
    owner,
    ticket: ctx.body.ticket,
    leaseId: randomId("lease"),
    newTicket: randomId("ticket"),
    leaseMs: leaseMsFor(sessions, granted, deps.logger),
    maxTotal: sessions.maxTotal,
    maxPerIdentity: sessions.maxPerIdentity,
    queue: sessions.queue,
  };
  let result: AcquireResult;
  try {
    result = await withinBudget(sessions.store.acquire(request), deps.budgetMs, "the session store");
  } catch (error) {
    // The script may still run once the store wakes up: give back whatever it would grant (same connection, so
    // the release runs after it).
    sessions.store.release(request.leaseId, owner).catch(() => undefined);
    throw storeDown("acquire a slot", error, deps.logger);
  }
  const retryAfter = sessions.retryAfterSeconds;
  switch (result.status) {
    case "granted": {
      const lease = { id: result.leaseId, expiresAt: new Date(result.expiresAt).toISOString() };
      // A renewed lease (a reconnect) was the caller's before this request: a failed mint must not take it away.
      const renewed = result.leaseId !== request.leaseId;
      const giveBack = async () => {
        if (!renewed) await releaseSession(sessions, ctx, lease.id, deps).catch(() => undefined);
      };
      return { granted: { lease, giveBack } };
    }
    case "queued": {
      const { ticket, position, size } = result;
      return { queued: { queued: { ticket, position, size }, retryAfter } };
    }
    case "session_limit":
      throw new TokenRouteError("session_limit", "You already hold your maximum of concurrent sessions", {
        retryAfter,
      });
    default:
      throw new TokenRouteError("capacity", "Every session slot is taken; retry later", { retryAfter });
  }
}

/** Ends a lease of this caller; idempotent. Throws `capacity` (retryable) when the store is down. */
export async function releaseSession(
  sessions: ResolvedSessionOptions,
  ctx: AnyContext,
  leaseId: string,
  deps: AdmissionDeps,
): Promise<void> {
  try {
    await withinBudget(sessions.store.release(leaseId, ownerOf(sessions, ctx)), deps.budgetMs, "the session store");
  } catch (error) {
    throw storeDown("release a lease", error, deps.logger);
  }
}
