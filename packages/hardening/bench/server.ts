// `pnpm bench:server`: our Express token route against the hand-written route from Decart's docs, both minting
// through the same emulator, measured with autocannon in alternating rounds.
import { type ChildProcess, spawn } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { createInterface } from "node:readline";
import autocannon, { type Result } from "autocannon";

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP_S = 2;
const BODY = JSON.stringify({ model: "mirage_v2" });
const HEADERS = { "content-type": "application/json", authorization: "Bearer bench-user" };

const children = new Map<string, ChildProcess>();

/** Starts one role of serve.ts in its own process (same loader and conditions) and waits for its URL. */
function startProcess(role: string, decartUrl = ""): Promise<string> {
  const serve = new URL("./serve.ts", import.meta.url).pathname;
  const child = spawn(process.execPath, [...process.execArgv, serve, role, decartUrl], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  children.set(role, child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${role} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith("READY ")) resolve(line.slice(6));
    });
  });
}

/** CPU time (user + system, µs) a child process has used so far. */
function cpuOf(role: string): Promise<number> {
  const child = children.get(role)!;
  return new Promise((resolve) => {
    child.once("message", (usage) => resolve((usage as NodeJS.CpuUsage).user + (usage as NodeJS.CpuUsage).system));
    child.send("cpu");
  });
}

async function load(url: string, duration: number): Promise<Result> {
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

type Measured = Result & { routeUs: number; decartUs: number };

// The median of the rounds: on a shared machine one round can land on someone else's burst of work.
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const fixed = (value: number, digits = 0) => value.toFixed(digits);

try {
  const decartUrl = await startProcess("emulator");
  const routes = {
    ours: await startProcess("ours", decartUrl),
    "hand-written": await startProcess("hand-written", decartUrl),
  };
  const results: Record<keyof typeof routes, Measured[]> = { ours: [], "hand-written": [] };
  for (const url of Object.values(routes)) await load(url, WARMUP_S);
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which goes first, so neither always runs on a warmer (or more tired) emulator.
    const order = (round % 2 === 1 ? ["ours", "hand-written"] : ["hand-written", "ours"]) as (keyof typeof routes)[];
    for (const name of order) {
      const [routeCpu, decartCpu] = [await cpuOf(name), await cpuOf("emulator")];
      const result = await load(routes[name], DURATION_S);
      const routeUs = ((await cpuOf(name)) - routeCpu) / result.requests.total;
      const decartUs = ((await cpuOf("emulator")) - decartCpu) / result.requests.total;
      results[name].push({ ...result, routeUs, decartUs });
      console.log(
        `round ${round} ${name.padEnd(12)} ${fixed(result.requests.average)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  route CPU ${fixed(routeUs)} µs/req  emulator CPU ${fixed(decartUs)} µs/req`,
      );
    }
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, runs]) => [
      name,
      {
        rps: median(runs.map((run) => run.requests.average)),
        p50: median(runs.map((run) => run.latency.p50)),
        p99: median(runs.map((run) => run.latency.p99)),
        cpu: median(runs.map((run) => run.routeUs)),
      },
    ]),
  ) as Record<keyof typeof routes, { rps: number; p50: number; p99: number; cpu: number }>;
  const ratio = summary.ours.rps / summary["hand-written"].rps;
  const cpu = cpus();
  console.log(
    `\nmachine: ${cpu.length} × ${cpu[0]?.model}, ${fixed(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION_S} s per route, alternating; medians of the rounds\n`,
  );
  console.log("| route | req/s | p50 (ms) | p99 (ms) | route CPU per request (µs) |\n|---|---|---|---|---|");
  for (const [name, row] of Object.entries(summary)) {
    console.log(`| ${name} | ${fixed(row.rps)} | ${fixed(row.p50, 1)} | ${fixed(row.p99, 1)} | ${fixed(row.cpu)} |`);
  }
  const cpuRatio = summary["hand-written"].cpu / summary.ours.cpu;
  console.log(`\nratio (ours / hand-written req/s): ${ratio.toFixed(2)}× (goal ≥ 1.00×)`);
  console.log(`ratio (hand-written / ours CPU per request): ${cpuRatio.toFixed(2)}× (above 1: ours costs less CPU)`);
} finally {
  for (const child of children.values()) child.kill();
}
