import { RedisSessionStore, type SessionAdmissionOptions } from "@decart-kit/core";
import { createSignalingOnlyMediaPlane, type Emulator, startEmulator } from "@decart-kit/emulator";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapterNamed, type RunningApp } from "./support/adapters";
import { connectTestRedis, startRedis, stopRedis } from "./support/redis";
import { PERMANENT_KEY, recordingLogger } from "./support/route-log";
import {
  bearerUser,
  closeRealtimeSession,
  openRealtimeSession,
  postAs,
  type RouteAnswer,
  sleep,
} from "./support/session-user";

const SLOTS = 5;
const USERS = 200;
const TIMEOUT_MS = 2_000;
/**
 * Short leases so a holder that crashes frees its slot within the test. They must still outlast an honest turn
 * (admitted → session opened → closed → released) on a loaded 2-core machine, or the cap is broken by design.
 */
const LEASE_SECONDS = 4;
const CRASH_LEASE_SECONDS = 1;
// Faster than the 1 s the route asks for, to keep the run short; any faster and this one process (emulator, two
// apps, 200 clients) saturates a core and answers slower than the line's grace period.
const POLL_MS = 250;

let emulator: Emulator;
const clients: Redis[] = [];
const apps: RunningApp[] = [];
const log = recordingLogger();

beforeAll(async () => {
  // No cap on the emulator: an over-admission must show up as a peak above SLOTS, not be hidden by a refusal.
  emulator = await startEmulator({ apiKeys: [PERMANENT_KEY], mediaPlane: createSignalingOnlyMediaPlane });
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  for (const client of clients) client.disconnect();
  await emulator.close();
});

/** An Express and a Koa instance, each with its own Redis connection, sharing one set of slots. */
async function startInstances(sessions: Partial<SessionAdmissionOptions> = {}): Promise<RunningApp[]> {
  const keyPrefix = `sessions-${Math.random().toString(36).slice(2)}`;
  const connections = [await connectTestRedis(clients), await connectTestRedis(clients, { enableOfflineQueue: false })];
  const started = await Promise.all(
    ["Express 5", "Koa 3"].map((adapter, index) =>
      adapterNamed(adapter).start({
        apiKey: PERMANENT_KEY,
        baseUrl: emulator.url,
        logger: log.logger,
        timeoutMs: TIMEOUT_MS,
        authorize: bearerUser,
        rateLimit: false,
        constraints: { realtime: { maxSessionDuration: 10 } },
        sessions: {
          maxPerIdentity: 1,
          maxTotal: SLOTS,
          leaseSeconds: LEASE_SECONDS,
          queue: { maxSize: USERS, graceSeconds: 5 },
          retryAfterSeconds: 1,
          store: new RedisSessionStore(connections[index] as Redis, { keyPrefix }),
          ...sessions,
        },
      }),
    ),
  );
  apps.push(...started);
  return started;
}

interface Turn {
  user: number;
  /** Index in the order users joined the line (undefined: admitted at once). */
  joined: number | undefined;
  admitted: number;
}

/**
 * One simulated user: asks for a token (any instance), waits in line with its ticket (alternating instances),
 * opens a realtime session on the emulator with the token, holds it, closes it, then releases the lease — or, for
 * a crashing user, never releases.
 */
async function arrive(instances: RunningApp[], user: number, order: { joined: number; admitted: number }) {
  const first = await postAs((instances[user % 2] as RunningApp).url, `user-${user}`);
  return { first, joined: first.status === 202 ? order.joined++ : undefined };
}

async function userTurn(
  instances: RunningApp[],
  user: number,
  arrival: { first: RouteAnswer; joined: number | undefined },
  order: { admitted: number },
): Promise<Turn> {
  const name = `user-${user}`;
  const { joined } = arrival;
  let answer = arrival.first;
  for (let ask = 0; answer.status === 202; ask++) {
    await sleep(POLL_MS);
    const instance = instances[(user + ask) % 2] as RunningApp;
    const { ticket } = answer.json.queued;
    answer = await postAs(instance.url, name, { ticket });
    // A ticket dropped for silence comes back as a new one at the back of the line: that would be a bug here.
    if (answer.status === 202 && answer.json.queued.ticket !== ticket) throw new Error(`user ${user} lost its place`);
  }
  if (answer.status !== 200) throw new Error(`user ${user}: ${answer.status} ${JSON.stringify(answer.json)}`);
  const turn: Turn = { user, joined, admitted: order.admitted++ };
  const session = await openRealtimeSession(emulator, answer.json.apiKey);
  await sleep(20);
  await closeRealtimeSession(emulator, session);
  const crashes = user % 40 === 39;
  if (!crashes) await postAs((instances[user % 2] as RunningApp).url, name, { release: answer.json.lease.id });
  return turn;
}

describe("session admission shared through Redis by an Express and a Koa instance", () => {
  it(`lets ${USERS} users take turns on ${SLOTS} slots: never more open on the emulator, first in first out`, async () => {
    const instances = await startInstances();
    const order = { joined: 0, admitted: 0 };
    const turns: Promise<Turn>[] = [];
    const started = performance.now();
    // Users arrive one after another (each first answer awaited), then wait concurrently.
    for (let user = 0; user < USERS; user++) {
      const arrival = await arrive(instances, user, order);
      turns.push(userTurn(instances, user, arrival, order));
    }
    const arrived = performance.now();
    const done = await Promise.all(turns);
    console.log(
      `arrivals ${Math.round(arrived - started)} ms, all turns ${Math.round(performance.now() - started)} ms`,
    );

    expect(emulator.peakOpenSessions).toBe(SLOTS);
    expect(emulator.openSessions).toBe(0);
    expect(done.map((turn) => turn.user).sort((a, b) => a - b)).toEqual([...Array(USERS).keys()]);
    // First in, first out: a user may only be overtaken by someone who stood within the free slots with it. Both
    // orders are seen from the clients (when each answer arrived), and two instances answer side by side, which
    // shifts them by up to a round of slots on a loaded machine; a line that was not FIFO shows overtakes by dozens.
    const queued = done.filter((turn) => turn.joined !== undefined);
    expect(queued.length).toBeGreaterThan(USERS / 2);
    for (const turn of queued) {
      const overtakenBy = queued.filter((other) => other.joined! > turn.joined! && other.admitted < turn.admitted);
      expect(overtakenBy.length, `user ${turn.user}`).toBeLessThanOrEqual(2 * SLOTS);
    }
  });

  it("frees the slot of a holder that crashes without releasing at lease expiry", async () => {
    const instances = await startInstances({ maxTotal: 1, leaseSeconds: CRASH_LEASE_SECONDS });
    const [express, koa] = instances as [RunningApp, RunningApp];
    const crashed = await postAs(express.url, "crasher");
    expect(crashed.status).toBe(200);
    const session = await openRealtimeSession(emulator, crashed.json.apiKey);
    await closeRealtimeSession(emulator, session); // the tab died: its socket closed, nobody released
    const started = Date.now();
    let answer = await postAs(koa.url, "next");
    expect(answer.status).toBe(202);
    while (answer.status === 202) {
      await sleep(POLL_MS);
      answer = await postAs(koa.url, "next", { ticket: answer.json.queued.ticket });
    }
    expect(answer.status).toBe(200);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThan(CRASH_LEASE_SECONDS * 1000 - 300);
    expect(Date.parse(crashed.json.lease.expiresAt)).toBeLessThanOrEqual(Date.now() + 50);
  });

  it("fails closed while Redis is down (503 capacity, no token, no hang) and recovers when it returns", async () => {
    const instances = await startInstances();
    const holder = await postAs((instances[0] as RunningApp).url, "holder");
    expect(holder.status).toBe(200);
    const issuedBefore = emulator.issued.length;
    await stopRedis();
    const down = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postAs((instances[i % 2] as RunningApp).url, `down-${i}`)),
    );
    const released = await postAs((instances[1] as RunningApp).url, "holder", { release: holder.json.lease.id });
    expect(down.map((answer) => [answer.status, answer.json.error?.code])).toEqual(Array(20).fill([503, "capacity"]));
    expect(down.every((answer) => answer.json.error.retryAfter === 5)).toBe(true);
    expect(Math.max(...down.map((answer) => answer.ms))).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(released.status).toBe(503);
    expect(emulator.issued.length).toBe(issuedBefore);

    await startRedis();
    for (const app of instances) {
      const deadline = Date.now() + 10_000;
      let answer = await postAs(app.url, `back-${app.url}`);
      while (answer.status === 503 && Date.now() < deadline) {
        await sleep(100);
        answer = await postAs(app.url, `back-${app.url}`);
      }
      expect([200, 202]).toContain(answer.status);
    }
    expect(log.lines.join("\n")).not.toContain(PERMANENT_KEY);
    expect(log.lines.some((line) => line.startsWith("error session store failed"))).toBe(true);
  });
});
