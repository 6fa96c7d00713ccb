// `pnpm size`: what each entry of @decart-kit/react adds to an app's bundle — its ESM build minified and gzipped,
// with React and @decartai/sdk left out (the app has them anyway). Fails when the main entry is over its budget.
// Run after `pnpm build`.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const MAIN_BUDGET_BYTES = 5 * 1024;
const ENTRIES = ["index", "devices", "quality", "provider", "testing"];
const dist = join(import.meta.dirname, "..", "packages", "react", "dist");
const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;
let failed = false;

for (const name of ENTRIES) {
  const entry = join(dist, `${name}.mjs`);
  if (!existsSync(entry)) {
    console.error(`✘ ${entry} is missing: run \`pnpm build\` first`);
    process.exit(1);
  }
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    external: ["react", "react-dom", "react/jsx-runtime", "@decartai/sdk"],
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const gzipped = gzipSync(code, { level: 9 }).length;
  const label = name === "index" ? "@decart-kit/react" : `@decart-kit/react/${name}`;
  const budget = name === "index" ? `; budget ${MAIN_BUDGET_BYTES}` : "";
  console.log(`${label}: ${kB(code.length)} minified, ${kB(gzipped)} min+gzip (${gzipped} bytes${budget})`);
  if (name === "index" && gzipped > MAIN_BUDGET_BYTES) {
    console.error(`✘ over budget by ${gzipped - MAIN_BUDGET_BYTES} bytes`);
    failed = true;
  }
}
if (failed) process.exit(1);
