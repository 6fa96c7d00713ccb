// `pnpm bench:server`: our token route against the hand-written route from Decart's docs, for Express, Koa and
// Fastify, all minting through the same emulator, measured with autocannon in alternating rounds.
// BENCH_FRAMEWORKS=fastify (comma-separated) measures only those.
import { cpus, totalmem } from "node:os";
import type { Result } from "autocannon";
import { CONNECTIONS, DURATION_S, fixed, load, median, ROUNDS, WARMUP_S } from "./measure";
import { cpuOf, startProcess, stopProcesses } from "./processes";

const ALL_FRAMEWORKS = ["express", "koa", "fastify"];
const FRAMEWORKS = process.env.BENCH_FRAMEWORKS?.split(",") ?? ALL_FRAMEWORKS;
const ROUTES = ["ours", "hand-written"] as const;
type RouteName = (typeof ROUTES)[number];

type Measured = Result & { routeUs: number; decartUs: number };

async function measureFramework(framework: string, decartUrl: string): Promise<void> {
  const urls = {} as Record<RouteName, string>;
  for (const route of ROUTES) urls[route] = await startProcess(`${framework}-${route}`, decartUrl);
  const results: Record<RouteName, Measured[]> = { ours: [], "hand-written": [] };
  for (const url of Object.values(urls)) await load(url, WARMUP_S);
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which goes first, so neither always runs on a warmer (or more tired) emulator.
    const order: RouteName[] = round % 2 === 1 ? ["ours", "hand-written"] : ["hand-written", "ours"];
    for (const route of order) {
      const role = `${framework}-${route}`;
      const [routeCpu, decartCpu] = [await cpuOf(role), await cpuOf("emulator")];
      const result = await load(urls[route], DURATION_S);
      const routeUs = ((await cpuOf(role)) - routeCpu) / result.requests.total;
      const decartUs = ((await cpuOf("emulator")) - decartCpu) / result.requests.total;
      results[route].push({ ...result, routeUs, decartUs });
      console.log(
        `round ${round} ${role.padEnd(21)} ${fixed(result.requests.average)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  route CPU ${fixed(routeUs)} µs/req  emulator CPU ${fixed(decartUs)} µs/req`,
      );
    }
  }
  const summary = Object.fromEntries(
    ROUTES.map((route) => {
      const runs = results[route];
      return [
        route,
        {
          rps: median(runs.map((run) => run.requests.average)),
          p50: median(runs.map((run) => run.latency.p50)),
          p99: median(runs.map((run) => run.latency.p99)),
          cpu: median(runs.map((run) => run.routeUs)),
        },
      ];
    }),
  ) as Record<RouteName, { rps: number; p50: number; p99: number; cpu: number }>;
  console.log(`\n${framework}: medians of the rounds\n`);
  console.log("| route | req/s | p50 (ms) | p99 (ms) | route CPU per request (µs) |\n|---|---|---|---|---|");
  for (const [name, row] of Object.entries(summary)) {
    console.log(`| ${name} | ${fixed(row.rps)} | ${fixed(row.p50, 1)} | ${fixed(row.p99, 1)} | ${fixed(row.cpu)} |`);
  }
  const ratio = summary.ours.rps / summary["hand-written"].rps;
  const cpuRatio = summary["hand-written"].cpu / summary.ours.cpu;
  console.log(`\n${framework} ratio (ours / hand-written req/s): ${ratio.toFixed(2)}× (goal ≥ 1.00×)`);
  console.log(
    `${framework} ratio (hand-written / ours CPU per request): ${cpuRatio.toFixed(2)}× (above 1: ours costs less CPU)\n`,
  );
}

try {
  const cpu = cpus();
  console.log(`machine: ${cpu.length} × ${cpu[0]?.model}, ${fixed(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION_S} s per route, alternating; medians of the rounds\n`,
  );
  const decartUrl = await startProcess("emulator");
  for (const framework of FRAMEWORKS) await measureFramework(framework, decartUrl);
} finally {
  stopProcesses();
}
