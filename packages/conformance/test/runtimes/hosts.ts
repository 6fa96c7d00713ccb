import { EdgeRuntime, runServer } from "edge-runtime";
import { Miniflare } from "miniflare";
import { bundleFor } from "./bundle";
import type { RuntimeEnv } from "./routes";

/** A runtime serving the routes of routes.ts over real HTTP on 127.0.0.1. */
export interface RuntimeHost {
  url: string;
  close(): Promise<void>;
}

/** Cloudflare's workerd, through miniflare (its binary comes from npm). */
export async function startWorkerd(env: RuntimeEnv): Promise<RuntimeHost> {
  const miniflare = new Miniflare({
    modules: true,
    script: await bundleFor("workerd"),
    bindings: { ...env },
    compatibilityDate: "2026-04-01",
    host: "127.0.0.1",
    port: 0,
  });
  const url = await miniflare.ready;
  return { url: url.origin, close: () => miniflare.dispose() };
}

/** Vercel's edge runtime (the `edge-runtime` package), serving the same routes. */
export async function startEdgeRuntime(env: RuntimeEnv): Promise<RuntimeHost> {
  const runtime = new EdgeRuntime({
    extend: (context) => Object.assign(context, { RUNTIME_ENV: env }),
    initialCode: await bundleFor("edge"),
  });
  const server = await runServer({ runtime, host: "127.0.0.1", port: 0 });
  return { url: new URL(server.url).origin, close: () => server.close() };
}
