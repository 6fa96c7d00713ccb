import { startRedis, stopRedis } from "./redis";

/** One redis-server for the whole run (the tests stop and restart it themselves to prove fail-closed). */
export default async function setup(): Promise<() => Promise<void>> {
  await startRedis();
  return stopRedis;
}
