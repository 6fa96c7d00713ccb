// `pnpm bench:runtimes`: the Fetch handler's mint on Node (node:http to Decart), on Node with openTelemetry() and no
// SDK (the instrumentation's cost when nobody reads it), in workerd and in edge-runtime (the runtime's fetch), all
// minting through the same emulator in the same run, in alternating rounds. workerd and edge-runtime load the BUILT
// core (run `pnpm --filter @decart-kit/core build` first; the script's npm entry does).
import { cpus } from "node:os";
import { openTelemetry } from "@decart-kit/core/opentelemetry";
import { CONNECTIONS, DURATION_S, fixed, load, median, ROUNDS, WARMUP_S } from "./measure";
import { cpuOf, startProcess, stopProcesses } from "./processes";

const HOSTS = {
  "fetch-ours": "Node (node:http)",
  "fetch-ours-otel": "Node + openTelemetry(), no SDK",
  "fetch-workerd": "workerd (miniflare)",
  "fetch-edge-runtime": "edge-runtime",
} as const;
type Role = keyof typeof HOSTS;
const ROLES = Object.keys(HOSTS) as Role[];

/** The instrumentation alone, in this process with no SDK registered: µs per token request (start, one call, end). */
function instrumentationCostUs(requests = 200_000): number {
  const telemetry = openTelemetry();
  const outcome = { code: "issued", status: 200, model: "lucy-2.1", upstreamAttempts: 1 };
  const started = performance.now();
  for (let i = 0; i < requests; i++) {
    const measurement = telemetry.start();
    measurement.upstreamAttempt(12, 200);
    measurement.end(outcome);
  }
  return ((performance.now() - started) * 1000) / requests;
}

interface Row {
  rps: number[];
  p50: number[];
  p99: number[];
  cpuUs: number[];
}

try {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}`);
  console.log(`autocannon: ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION_S} s per host, alternating\n`);
  const decartUrl = await startProcess("emulator");
  const urls = {} as Record<Role, string>;
  for (const role of ROLES) urls[role] = await startProcess(role, decartUrl);
  for (const role of ROLES) await load(urls[role], WARMUP_S);
  const rows = Object.fromEntries(ROLES.map((role) => [role, { rps: [], p50: [], p99: [], cpuUs: [] }])) as Record<
    Role,
    Row
  >;
  for (let round = 1; round <= ROUNDS; round++) {
    // Rotate the order, so no host always runs first on a fresh emulator.
    const order = ROLES.map((_, index) => ROLES[(index + round) % ROLES.length] as Role);
    for (const role of order) {
      const before = await cpuOf(role);
      const result = await load(urls[role], DURATION_S);
      const cpuUs = ((await cpuOf(role)) - before) / result.requests.total;
      const row = rows[role];
      row.rps.push(result.requests.average);
      row.p50.push(result.latency.p50);
      row.p99.push(result.latency.p99);
      row.cpuUs.push(cpuUs);
      console.log(
        `round ${round} ${HOSTS[role].padEnd(32)} ${fixed(result.requests.average)} req/s  ${fixed(cpuUs)} µs CPU/req`,
      );
    }
  }
  console.log("\nThe Fetch handler's mint, medians of the rounds (same emulator, same run)\n");
  console.log("| host | req/s | p50 (ms) | p99 (ms) | host CPU per request (µs) |\n|---|---|---|---|---|");
  for (const role of ROLES) {
    const row = rows[role];
    const cells = [median(row.rps), median(row.p50), median(row.p99), median(row.cpuUs)];
    console.log(
      `| ${HOSTS[role]} | ${fixed(cells[0] ?? 0)} | ${fixed(cells[1] ?? 0, 1)} | ${fixed(cells[2] ?? 0, 1)} | ${fixed(cells[3] ?? 0)} |`,
    );
  }
  const plain = median(rows["fetch-ours"].cpuUs);
  const otel = median(rows["fetch-ours-otel"].cpuUs);
  console.log(`\nopenTelemetry() without an SDK: ${fixed(otel - plain)} µs CPU per request over the plain handler`);
  console.log(`openTelemetry() without an SDK, alone in-process: ${instrumentationCostUs().toFixed(2)} µs per request`);
  console.log("without the telemetry option nothing is measured: the Node row is the cost when the API is absent");
} finally {
  stopProcesses();
}
