import type { Reporter, TestCase, TestModule, TestSuite } from "vitest/node";

// Prints, after a run that included the conformance suite, one table: behaviour × adapter, one mark per mounting
// variant, read from the results vitest recorded (a failing afterEach check counts as a failure).

const FACTORY_TITLE = /^\[(.+?)\] (.+)$/;
const MARKS: Record<string, string> = { passed: "✓", failed: "✗", skipped: "–", pending: "?" };
const MAX_BEHAVIOUR = 78;
const ADAPTER_ORDER = ["Express 5", "Express 4", "Koa 3", "Koa 2", "Fastify 5", "Fastify 4", "Fetch"];

interface Column {
  adapter: string;
  variants: string[];
}

/** The factory describe block a test sits in (`[Koa 2] app.use`), or undefined outside the suite. */
function factoryOf(test: TestCase): { adapter: string; variant: string } | undefined {
  let suite: TestSuite | TestModule = test.parent;
  while (suite.type === "suite") {
    const match = FACTORY_TITLE.exec(suite.name);
    if (match?.[1] && match[2]) return { adapter: match[1], variant: match[2] };
    suite = suite.parent;
  }
  return undefined;
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - [...text].length));
}

function shorten(text: string): string {
  return text.length > MAX_BEHAVIOUR ? `${text.slice(0, MAX_BEHAVIOUR - 1)}…` : text;
}

export default class ConformanceTableReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const columns = new Map<string, Column>();
    // behaviour → "adapter\u0000variant" → state
    const rows = new Map<string, Map<string, string>>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const factory = factoryOf(test);
        if (!factory) continue;
        const column = columns.get(factory.adapter) ?? { adapter: factory.adapter, variants: [] };
        if (!column.variants.includes(factory.variant)) column.variants.push(factory.variant);
        columns.set(factory.adapter, column);
        const row = rows.get(test.name) ?? new Map<string, string>();
        row.set(`${factory.adapter}\u0000${factory.variant}`, test.result().state);
        rows.set(test.name, row);
      }
    }
    if (rows.size === 0) return;
    console.log(renderTable([...columns.values()], rows));
  }
}

function renderTable(columns: Column[], rows: Map<string, Map<string, string>>): string {
  const rank = (column: Column) => {
    const index = ADAPTER_ORDER.indexOf(column.adapter);
    return index === -1 ? ADAPTER_ORDER.length : index;
  };
  columns.sort((a, b) => rank(a) - rank(b));
  const behaviourWidth = Math.min(MAX_BEHAVIOUR, Math.max(...[...rows.keys()].map((name) => name.length)));
  // Wide enough for the adapter's name, its marks and its "passed/run" total.
  const widths = columns.map((column) => Math.max(column.adapter.length, column.variants.length * 2 - 1, 7));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => pad(cell, i === 0 ? behaviourWidth : (widths[i - 1] ?? 0))).join(" | ")} |`;
  const failures: string[] = [];
  const totals = columns.map(() => ({ passed: 0, run: 0 }));
  // Rows a test-name filter left out entirely say nothing about any adapter.
  const ranRows = [...rows].filter(([, states]) => [...states.values()].some((state) => state !== "skipped"));
  const body = ranRows.map(([behaviour, states]) =>
    line([
      shorten(behaviour),
      ...columns.map((column, i) =>
        column.variants
          .map((variant) => {
            const state = states.get(`${column.adapter}\u0000${variant}`);
            const total = totals[i];
            if (total && state && state !== "skipped") total.run++;
            if (total && state === "passed") total.passed++;
            if (state === "failed") failures.push(`${column.adapter}, ${variant}: ${behaviour}`);
            return state ? (MARKS[state] ?? "?") : "·";
          })
          .join(" "),
      ),
    ]),
  );
  const legend = columns.map(
    (column) => `  ${column.adapter}: ${column.variants.map((variant, i) => `${i + 1}. ${variant}`).join("; ")}`,
  );
  return [
    "",
    "Conformance: behaviour × adapter, one mark per mounting variant (✓ passed, ✗ failed, – skipped: not applicable to that mounting)",
    ...legend,
    "",
    line(["behaviour", ...columns.map((column) => column.adapter)]),
    line(["-".repeat(behaviourWidth), ...widths.map((width) => "-".repeat(width))]),
    ...body,
    line(["passed / run", ...totals.map((total) => `${total.passed}/${total.run}`)]),
    ...(failures.length > 0 ? ["", "Failed:", ...failures.map((failure) => `  ✗ ${failure}`)] : []),
    "",
  ].join("\n");
}
