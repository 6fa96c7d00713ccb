import { type Emulator, type Fault, startEmulator } from "@decart-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hardeningAdapters } from "./support/adapters";
import { PERMANENT_KEY } from "./support/route-log";

// Short budgets keep the matrix fast: the hang and the slow answer cost one budget each.
const TIMEOUT_MS = 1_000;
const RETRIES = 2;
// Timing is printed against budget + 100 ms but asserted loosely: a loaded 2-core machine must not make it flaky.
const TIMING_SLACK_MS = 1_500;

interface Expected {
  status: number;
  code?: string;
  attempts: number;
}

/** Each fault the emulator can play, and what every adapter must answer. */
const FAULTS: { name: string; faults: Fault[]; expected: Expected }[] = [
  {
    name: "503 then success",
    faults: [{ type: "status", status: 503, times: 1 }],
    expected: { status: 200, attempts: 2 },
  },
  {
    name: "500 ×3",
    faults: [{ type: "status", status: 500, times: 3 }],
    expected: { status: 502, code: "upstream_error", attempts: 1 + RETRIES },
  },
  {
    name: "400",
    faults: [{ type: "status", status: 400 }],
    expected: { status: 502, code: "upstream_error", attempts: 1 },
  },
  {
    name: "401",
    faults: [{ type: "status", status: 401 }],
    expected: { status: 502, code: "upstream_error", attempts: 1 },
  },
  { name: "hang", faults: [{ type: "hang" }], expected: { status: 504, code: "upstream_timeout", attempts: 1 } },
  {
    name: "reset",
    faults: [{ type: "reset" }],
    expected: { status: 502, code: "upstream_error", attempts: 1 + RETRIES },
  },
  {
    name: "malformed JSON",
    faults: [{ type: "malformed-json" }],
    expected: { status: 502, code: "upstream_error", attempts: 1 },
  },
  {
    name: "non-ek key",
    faults: [{ type: "non-ek-key" }],
    expected: { status: 502, code: "upstream_error", attempts: 1 },
  },
  {
    name: "slow 4 s",
    faults: [{ type: "delay", ms: 4_000 }],
    expected: { status: 504, code: "upstream_timeout", attempts: 1 },
  },
];

let emulator: Emulator;
const rows: string[][] = [];

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [PERMANENT_KEY] });
});
afterAll(async () => {
  await emulator.close();
  printTable(rows);
});

function printTable(table: string[][]): void {
  const header = ["fault", "adapter", "status", "code", "attempts", `ms (budget ${TIMEOUT_MS})`];
  const all = [header, ...table];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  console.log(
    ["Upstream fault matrix", line(header), line(widths.map((width) => "-".repeat(width))), ...table.map(line)].join(
      "\n",
    ),
  );
}

describe.each(FAULTS)("$name", ({ name, faults, expected }) => {
  it.each(hardeningAdapters.map((factory) => [factory.adapter, factory] as const))("%s", async (adapter, factory) => {
    const app = await factory.start({
      apiKey: PERMANENT_KEY,
      baseUrl: emulator.url,
      logger: false,
      allowAnonymous: true,
      rateLimit: false,
      timeoutMs: TIMEOUT_MS,
      retries: RETRIES,
    });
    try {
      for (const fault of faults) emulator.fault(fault);
      const before = emulator.tokenRequests;
      const started = performance.now();
      const res = await fetch(app.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const text = await res.text();
      const elapsed = Math.round(performance.now() - started);
      const attempts = emulator.tokenRequests - before;
      const code = res.ok ? "" : JSON.parse(text).error.code;
      rows.push([name, adapter, String(res.status), code || "-", String(attempts), String(elapsed)]);

      expect({ status: res.status, code: code || undefined, attempts }).toEqual({ code: undefined, ...expected });
      expect(attempts).toBeLessThanOrEqual(1 + RETRIES);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + TIMING_SLACK_MS);
      expect(text).not.toContain(PERMANENT_KEY);
      expect(res.headers.get("cache-control")).toBe("no-store");
    } finally {
      emulator.clearFaults();
      await app.close();
    }
  });
});
