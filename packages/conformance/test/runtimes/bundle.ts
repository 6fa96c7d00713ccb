import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The import conditions each platform's own bundler uses (wrangler for workerd, Next.js for Vercel's edge). */
const CONDITIONS = { workerd: ["workerd", "worker", "browser"], edge: ["edge-light", "worker", "browser"] } as const;

/**
 * Bundles a runtime entry with the BUILT @decart-kit/core (dist, as published: no `@decart-kit/source`), the way a
 * deployment would, and returns the code. Fails if anything in it needs Node (`node:` imports are not resolved).
 */
export async function bundleFor(runtime: keyof typeof CONDITIONS): Promise<string> {
  const entry = fileURLToPath(
    new URL(runtime === "workerd" ? "./workerd-entry.ts" : "./edge-entry.ts", import.meta.url),
  );
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: "browser",
    format: runtime === "workerd" ? "esm" : "iife",
    conditions: [...CONDITIONS[runtime]],
    target: "es2022",
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild produced no output");
  // The Web build of core must not reach for Node: a `node:` import would fail to load in workerd.
  if (/\bnode:[a-z]/.test(output.text)) throw new Error(`the ${runtime} bundle imports a node: module`);
  return output.text;
}
