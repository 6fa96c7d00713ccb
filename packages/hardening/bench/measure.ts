// What every server benchmark shares: the load (autocannon, same body and headers for every route) and the medians.
import autocannon, { type Result } from "autocannon";

export const CONNECTIONS = 50;
export const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
export const WARMUP_S = 2;
const BODY = JSON.stringify({ model: "lucy-2.1" });
const HEADERS = { "content-type": "application/json", authorization: "Bearer bench-user" };

/** Loads a token route for `duration` seconds; any answer but 200 fails the benchmark. */
export async function load(url: string, duration: number): Promise<Result> {
  const result = await autocannon({
    url,
    method: "POST",
    headers: HEADERS,
    body: BODY,
    connections: CONNECTIONS,
    duration,
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return result;
}

// The median of the rounds: on a shared machine one round can land on someone else's burst of work.
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export const fixed = (value: number, digits = 0) => value.toFixed(digits);
