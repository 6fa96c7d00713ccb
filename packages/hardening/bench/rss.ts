// `pnpm bench:rss`: how much one token route instance's memory grows over 100,000 requests. The emulator runs in its
// own process (it keeps every token it minted, ~30 MB per 100k), so only the route's process is measured, after a
// full collection at both ends. Goal: < 10 MB of RSS growth.
import autocannon from "autocannon";
import { memoryOf, startProcess, stopProcesses } from "./processes";

const REQUESTS = Number(process.env.BENCH_RSS_REQUESTS ?? 100_000);
const WARMUP_REQUESTS = 10_000;
const STEP = 20_000;
const GOAL_MB = 10;
const ROLE = process.env.BENCH_RSS_ROUTE ?? "express-ours";

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

async function fire(url: string, amount: number): Promise<number> {
  const result = await autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer bench-user" },
    body: JSON.stringify({ model: "lucy-2.1" }),
    connections: 50,
    amount,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.total;
}

try {
  const decartUrl = await startProcess("emulator");
  const url = await startProcess(ROLE, decartUrl, ["--expose-gc"]);
  // Warm up first: JIT code, connection pools and lazily built tables are not growth.
  await fire(url, WARMUP_REQUESTS);
  const before = await memoryOf(ROLE);
  const started = performance.now();
  // In steps, so the figure shows whether memory climbs with the requests or settles.
  const steps: string[] = [];
  let served = 0;
  let peak = before.rss;
  while (served < REQUESTS) {
    served += await fire(url, Math.min(STEP, REQUESTS - served));
    const { rss } = await memoryOf(ROLE);
    peak = Math.max(peak, rss);
    steps.push(`${served / 1000}k: ${mb(rss)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const after = await memoryOf(ROLE);
  // The conservative figure: the highest RSS seen after any step, not just at the end (RSS moves by ±10 MB as the
  // allocator keeps or returns pages).
  const growth = peak - before.rss;
  console.log(
    `RSS of one route instance (${ROLE}) over ${served} requests in ${seconds.toFixed(0)} s: ${mb(before.rss)} MB after warm-up, ${mb(after.rss)} MB at the end, ${mb(peak)} MB at the highest step — growth ${mb(growth)} MB (goal < ${GOAL_MB} MB); heap used ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB`,
  );
  console.log(`RSS (MB) after each step: ${steps.join(", ")}`);
  if (growth > GOAL_MB * 2 ** 20) process.exitCode = 1;
} finally {
  stopProcesses();
}
