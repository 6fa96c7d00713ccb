import { type AcquireRequest, MemorySessionStore, RedisSessionStore, type SessionStore } from "@decart-kit/core";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { REDIS_PORT } from "./support/redis";

const redis = new Redis({ host: "127.0.0.1", port: REDIS_PORT });
afterAll(() => redis.disconnect());

let ids = 0;
/** An ask with the route's usual shape: fresh random-looking ids, 2 slots, 1 per caller, a line of 3. */
function ask(owner: string, ticket?: string, overrides: Partial<AcquireRequest> = {}): AcquireRequest {
  ids++;
  return {
    owner,
    ticket,
    leaseId: `lease_${ids}`,
    newTicket: `ticket_${ids}`,
    leaseMs: 60_000,
    maxTotal: 2,
    maxPerIdentity: 1,
    queue: { maxSize: 3, graceMs: 10_000 },
    ...overrides,
  };
}

/** A scripted run; returns every answer with ids replaced by who they belong to, so two stores compare equal. */
async function script(store: SessionStore): Promise<unknown[]> {
  const log: unknown[] = [];
  const answer = async (request: AcquireRequest) => {
    const result = await store.acquire(request);
    log.push(result.status === "granted" ? { ...result, expiresAt: "t" } : result);
    return result;
  };
  const ann = await answer(ask("ann"));
  await answer(ask("ann")); // at her own cap
  await answer(ask("bob"));
  const cat = await answer(ask("cat"));
  const dan = await answer(ask("dan"));
  await answer(ask("eve"));
  await answer(ask("fay")); // the line is full
  const catTicket = cat.status === "queued" ? cat.ticket : "";
  const danTicket = dan.status === "queued" ? dan.ticket : "";
  await answer(ask("dan", danTicket)); // still behind cat
  await answer(ask("eve", catTicket)); // someone else's ticket: a newcomer, and the line is full
  const annLease = ann.status === "granted" ? ann.leaseId : "";
  await answer(ask("ann", annLease)); // renews her slot
  await store.release(annLease, "bob"); // not his: nothing happens
  await answer(ask("cat", catTicket));
  await store.release(annLease, "ann");
  await store.release(annLease, "ann"); // idempotent
  await answer(ask("dan", danTicket)); // cat is ahead but only one slot is free and dan is second
  await answer(ask("cat", catTicket));
  await answer(ask("dan", danTicket));
  return log;
}

describe("the Redis session store decides exactly as the memory store", () => {
  it("agrees on a scripted run of grants, refusals, the line, renewal and releases", async () => {
    ids = 0;
    const memory = await script(new MemorySessionStore());
    ids = 0;
    const prefix = `contract-${Math.random().toString(36).slice(2)}`;
    const shared = await script(new RedisSessionStore(redis, { keyPrefix: prefix }));
    expect(shared).toEqual(memory);
    expect(memory.map((result) => (result as { status: string }).status)).toEqual([
      "granted",
      "session_limit",
      "granted",
      "queued",
      "queued",
      "queued",
      "capacity",
      "queued",
      "capacity",
      "granted",
      "queued",
      "queued",
      "granted",
      "queued",
    ]);
  });

  it("drops a lease at its expiry and a ticket nobody asked about within the grace period", async () => {
    const store = new RedisSessionStore(redis, { keyPrefix: `expiry-${Math.random().toString(36).slice(2)}` });
    const short = { leaseMs: 200, maxTotal: 1, queue: { maxSize: 5, graceMs: 300 } };
    expect((await store.acquire(ask("ann", undefined, short))).status).toBe("granted");
    const bob = await store.acquire(ask("bob", undefined, short));
    const cat = await store.acquire(ask("cat", undefined, short));
    expect(cat).toMatchObject({ status: "queued", position: 2 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Ann's lease is over; cat keeps asking, bob went quiet.
    expect(await store.acquire(ask("cat", (cat as { ticket: string }).ticket, short))).toMatchObject({
      status: "queued",
      position: 2,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await store.acquire(ask("cat", (cat as { ticket: string }).ticket, short))).status).toBe("granted");
    expect((await store.acquire(ask("bob", (bob as { ticket: string }).ticket, short))).status).toBe("queued");
  });
});
