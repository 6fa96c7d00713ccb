// workerd and edge-runtime hosts for the runtimes benchmark: each bundles runtime-worker.ts with the BUILT
// @decart-kit/core the way that platform's bundler would, and serves it on 127.0.0.1.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EdgeRuntime, runServer } from "edge-runtime";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

const PATH = "/api/realtime-token";

async function bundle(conditions: string[], format: "esm" | "iife", footer: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./runtime-worker.ts", import.meta.url))],
    bundle: true,
    write: false,
    platform: "browser",
    format,
    conditions,
    globalName: "benchWorker",
    footer: { js: footer },
    target: "es2022",
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

export async function startWorkerd(env: { BASE_URL: string; API_KEY: string }): Promise<string> {
  const code = await bundle(["workerd", "worker", "browser"], "esm", "");
  const script = `${code}\nexport default { fetch: (request, env) => handle(request, env) };`;
  const miniflare = new Miniflare({ modules: true, script, bindings: env, compatibilityDate: "2026-04-01", port: 0 });
  return `${(await miniflare.ready).origin}${PATH}`;
}

export async function startEdgeRuntime(env: { BASE_URL: string; API_KEY: string }): Promise<string> {
  const listener = `addEventListener("fetch", (event) => event.respondWith(benchWorker.handle(event.request, BENCH_ENV)));`;
  const runtime = new EdgeRuntime({
    extend: (context) => Object.assign(context, { BENCH_ENV: env }),
    initialCode: await bundle(["edge-light", "worker", "browser"], "iife", listener),
  });
  const server = await runServer({ runtime, host: "127.0.0.1", port: 0 });
  return `${new URL(server.url).origin}${PATH}`;
}

/** CPU time (µs) of this process's child processes (workerd, started by miniflare), read from /proc. */
export function childrenCpuUs(): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // Fields after the command name: state ppid ... utime(14) stime(15), counted from the closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[1]) === process.pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks / ticksPerSecond) * 1e6;
}
