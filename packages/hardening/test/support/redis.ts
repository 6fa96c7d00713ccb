import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import { Redis, type RedisOptions } from "ioredis";

const run = promisify(execFile);

/**
 * The port of the tests' own redis-server, away from a developer's 6379. `REDIS_TEST_PORT` moves it, so two runs on
 * one machine (the Redis-down tests stop the server) can keep out of each other's way.
 */
export const REDIS_PORT = Number(process.env.REDIS_TEST_PORT ?? 6390);

async function ping(): Promise<boolean> {
  try {
    const { stdout } = await run("redis-cli", ["-p", String(REDIS_PORT), "ping"], { timeout: 2_000 });
    return stdout.trim() === "PONG";
  } catch {
    return false;
  }
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`redis-server on port ${REDIS_PORT}: ${what} took over 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts redis-server on 127.0.0.1:6390 without persistence and resolves once it answers PING. */
export async function startRedis(): Promise<void> {
  if (await ping()) return;
  await run("redis-server", [
    ...["--port", String(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    ...["--dir", tmpdir(), "--pidfile", `${tmpdir()}/decart-kit-redis-${REDIS_PORT}.pid`, "--daemonize", "yes"],
  ]);
  await until(ping, "starting");
}

/** Stops it (nothing saved) and resolves once the port no longer answers. */
export async function stopRedis(): Promise<void> {
  await run("redis-cli", ["-p", String(REDIS_PORT), "shutdown", "nosave"]).catch(() => undefined);
  await until(async () => !(await ping()), "stopping");
}

/**
 * A connected ioredis client on the tests' server, kept in `clients` so the suite can disconnect it. ioredis reports
 * every failed reconnect as an 'error' event; the route already logs the failures that matter.
 */
export async function connectTestRedis(clients: Redis[], options: RedisOptions = {}): Promise<Redis> {
  const client = new Redis({ host: "127.0.0.1", port: REDIS_PORT, lazyConnect: true, ...options });
  client.on("error", () => undefined);
  clients.push(client);
  await client.connect();
  return client;
}
