// `pnpm bench:sessions`: what session admission adds to a token request. 200 concurrent users each loop over
// acquire (a slot, or a place in line) and, once granted, release, against the memory store and against a real
// redis-server on 127.0.0.1:6390 (started here if none answers), through the same `SessionStore` calls the route
// makes. Latencies are per call as the route awaits it; "pair" is one acquire that got a slot plus its release.
import { cpus, loadavg } from "node:os";
import { type AcquireRequest, MemorySessionStore, RedisSessionStore, type SessionStore } from "@decart-kit/core";
import { Redis } from "ioredis";
import { REDIS_PORT, startRedis } from "../test/support/redis";

const USERS = 200;
const DURATION_MS = Number(process.env.BENCH_DURATION ?? 5) * 1000;
/** Between two asks of a user waiting in line (the route tells real clients 2 s; short here, to load the store). */
const RETRY_MS = 20;

interface Scenario {
  name: string;
  maxTotal: number;
}

const SCENARIOS: Scenario[] = [
  { name: "uncontended (200 slots)", maxTotal: USERS },
  { name: "contended (5 slots, line)", maxTotal: 5 },
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const ms = (value: number | undefined) => (value ?? Number.NaN).toFixed(2);

async function run(store: SessionStore, scenario: Scenario) {
  const acquires: number[] = [];
  const releases: number[] = [];
  const pairs: number[] = [];
  let ids = 0;
  const deadline = performance.now() + DURATION_MS;
  const user = async (index: number) => {
    let ticket: string | undefined;
    while (performance.now() < deadline) {
      const request: AcquireRequest = {
        owner: `user-${index}`,
        ticket,
        leaseId: `lease_${++ids}`,
        newTicket: `ticket_${ids}`,
        leaseMs: 60_000,
        maxTotal: scenario.maxTotal,
        maxPerIdentity: 1,
        queue: { maxSize: USERS, graceMs: 10_000 },
      };
      const started = performance.now();
      const result = await store.acquire(request);
      const acquired = performance.now();
      acquires.push(acquired - started);
      if (result.status !== "granted") {
        ticket = result.status === "queued" ? result.ticket : undefined;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        continue;
      }
      ticket = undefined;
      await store.release(result.leaseId, request.owner);
      const released = performance.now();
      releases.push(released - acquired);
      pairs.push(released - started);
    }
  };
  await Promise.all(Array.from({ length: USERS }, (_, index) => user(index)));
  const sort = (values: number[]) => [...values].sort((a, b) => a - b);
  return { acquires: sort(acquires), releases: sort(releases), pairs: sort(pairs) };
}

await startRedis();
const redis = new Redis({ host: "127.0.0.1", port: REDIS_PORT, enableOfflineQueue: false, lazyConnect: true });
await redis.connect();
try {
  const cpu = cpus();
  console.log(`machine: ${cpu.length} × ${cpu[0]?.model}, Node ${process.version}, load ${loadavg()[0]?.toFixed(1)}`);
  console.log(
    `${USERS} concurrent users, ${DURATION_MS / 1000} s per row, waiting users re-ask every ${RETRY_MS} ms\n`,
  );
  console.log("| store | scenario | pairs/s | pair p50 / p99 (ms) | acquire p50 / p99 (ms) | release p50 / p99 (ms) |");
  console.log("|---|---|---|---|---|---|");
  for (const scenario of SCENARIOS) {
    const stores: [string, SessionStore][] = [
      ["memory", new MemorySessionStore()],
      ["redis", new RedisSessionStore(redis, { keyPrefix: `bench-${Date.now()}-${scenario.maxTotal}` })],
    ];
    for (const [name, store] of stores) {
      const { acquires, releases, pairs } = await run(store, scenario);
      const rate = (pairs.length / (DURATION_MS / 1000)).toFixed(0);
      console.log(
        `| ${name} | ${scenario.name} | ${rate} | ${ms(percentile(pairs, 0.5))} / ${ms(percentile(pairs, 0.99))} | ${ms(percentile(acquires, 0.5))} / ${ms(percentile(acquires, 0.99))} | ${ms(percentile(releases, 0.5))} / ${ms(percentile(releases, 0.99))} |`,
      );
    }
  }
} finally {
  redis.disconnect();
}
