import { type Emulator, startEmulator } from "@decart-kit/emulator";
import type { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapterNamed, type RunningApp } from "./support/adapters";
import { connectTestRedis, startRedis, stopRedis } from "./support/redis";
import { PERMANENT_KEY, recordingLogger } from "./support/route-log";

const TIMEOUT_MS = 1_000;
const INSTANCES = ["Express 5", "Koa 3"];

let emulator: Emulator;
const clients: Redis[] = [];
const apps: RunningApp[] = [];
const log = recordingLogger();

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [PERMANENT_KEY] });
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  for (const client of clients) client.disconnect();
  await emulator.close();
});

/**
 * Two instances, as two processes would run them: each with its own Redis connection and limiter over the same
 * key prefix. The Express one uses ioredis's defaults (commands queue while it reconnects, so only the route's
 * budget stops a hang); the Koa one the settings the READMEs recommend (fail at once while disconnected).
 */
async function startInstances(points: number, authorize = () => "one-user" as string | null): Promise<RunningApp[]> {
  const keyPrefix = `decart-token-${Math.random().toString(36).slice(2)}`;
  const connections = [await connectTestRedis(clients), await connectTestRedis(clients, { enableOfflineQueue: false })];
  const started = await Promise.all(
    INSTANCES.map((adapter, index) =>
      adapterNamed(adapter).start({
        apiKey: PERMANENT_KEY,
        baseUrl: emulator.url,
        logger: log.logger,
        timeoutMs: TIMEOUT_MS,
        authorize,
        rateLimit: {
          limiter: new RateLimiterRedis({ storeClient: connections[index], keyPrefix, points, duration: 60 }),
        },
      }),
    ),
  );
  apps.push(...started);
  return started;
}

interface Answer {
  status: number;
  code: string | undefined;
  retryAfter: string | null;
  ms: number;
}

async function post(app: RunningApp): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(app.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const body = (await res.json()) as { error?: { code: string } };
  return {
    status: res.status,
    code: body.error?.code,
    retryAfter: res.headers.get("retry-after"),
    ms: performance.now() - started,
  };
}

/** `count` requests at once, spread over the instances in turn. */
function burst(instances: RunningApp[], count: number): Promise<Answer[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => post(instances[i % instances.length] as RunningApp)));
}

function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status, code } of answers) counts[code ?? status] = (counts[code ?? status] ?? 0) + 1;
  return counts;
}

describe("rate limits shared through Redis by an Express and a Koa instance", () => {
  it("mints exactly L tokens for 500 parallel requests from one identity", async () => {
    const limit = 37;
    const instances = await startInstances(limit);
    const issuedBefore = emulator.issued.length;
    const answers = await burst(instances, 500);
    expect(tally(answers)).toEqual({ 200: limit, rate_limited: 500 - limit });
    expect(emulator.issued.length - issuedBefore).toBe(limit);
  });

  it("counts failed sign-ins in the same Redis: 20 a minute per client across both instances", async () => {
    let calls = 0;
    const instances = await startInstances(10, () => {
      calls++;
      return null;
    });
    // One after another: the count is read before authorize and written after, so parallel failures may overshoot.
    const answers: Answer[] = [];
    for (let i = 0; i < 30; i++) answers.push(await post(instances[i % 2] as RunningApp));
    expect(answers.slice(0, 20).every((answer) => answer.code === "unauthorized")).toBe(true);
    expect(tally(answers.slice(20))).toEqual({ rate_limited: 10 });
    expect(Number(answers[29]?.retryAfter)).toBeGreaterThan(0);
    expect(calls).toBe(20);
  });

  it("fails closed while Redis is down (429 rate_limited, 0 tokens, no hang) and recovers when it returns", async () => {
    const instances = await startInstances(10_000);
    const running = { stop: false, answers: [] as Answer[] };
    // Traffic on both instances the whole time Redis goes away.
    const traffic = Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        while (!running.stop) running.answers.push(await post(instances[i % 2] as RunningApp));
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stopRedis();
    // Requests already past the limiter when Redis went away may still mint; give them time to finish.
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS + 200));
    const issuedWhileDown = emulator.issued.length;
    const down = await burst(instances, 40);
    running.stop = true;
    await traffic;

    expect(tally(down)).toEqual({ rate_limited: 40 });
    expect(new Set(down.map((answer) => answer.retryAfter))).toEqual(new Set(["5"]));
    // The default ioredis client waits the route's budget; the recommended one refuses at once. Loose slack: 2 cores.
    expect(Math.max(...down.map((answer) => answer.ms))).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(emulator.issued.length).toBe(issuedWhileDown);
    expect(running.answers.every((answer) => answer.status === 200 || answer.code === "rate_limited")).toBe(true);
    expect(running.answers.filter((answer) => answer.status === 200).length).toBeGreaterThan(0);

    await startRedis();
    for (const app of instances) {
      const deadline = Date.now() + 10_000;
      let answer = await post(app);
      while (answer.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = await post(app);
      }
      expect(answer.status).toBe(200);
    }
    expect(log.lines.join("\n")).not.toContain(PERMANENT_KEY);
    // Whichever limiter asked Redis first says so: failed sign-ins are counted there too, before the token limit.
    expect(log.lines.some((line) => /^error (rate|failed sign-in) limiter failed/.test(line))).toBe(true);
  });
});
