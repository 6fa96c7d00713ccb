// `pnpm size`: what @decart-kit/react adds to an app's bundle — its ESM build minified and gzipped, with React and
// @decartai/sdk left out (the app has them anyway). Fails above the budget. Run after `pnpm build`.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const BUDGET_BYTES = 4 * 1024;
const entry = join(import.meta.dirname, "..", "packages", "react", "dist", "index.mjs");
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
const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;
console.log(
  `@decart-kit/react: ${kB(code.length)} minified, ${kB(gzipped)} min+gzip (${gzipped} bytes; budget ${BUDGET_BYTES})`,
);
if (gzipped > BUDGET_BYTES) {
  console.error(`✘ over budget by ${gzipped - BUDGET_BYTES} bytes`);
  process.exit(1);
}
