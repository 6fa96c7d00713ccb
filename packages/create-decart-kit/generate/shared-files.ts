import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { moduleSpecifiers, SHARED_PACKAGE } from "./rewrite-source";

/** Where a file of examples/shared lands in an app: `shared/`, without the package's `src/` level. */
export function sharedTargetPath(pathInShared: string): string {
  return join("shared", pathInShared.replace(/^src[\\/]/, ""));
}

const RESOLVE_SUFFIXES = ["", ".ts", ".tsx", ".mts", ".js", "/index.ts", "/index.tsx"];

/** Fails when a relative import leaves `root`: an app would not have that file. */
export function resolveInside(root: string, fromFile: string, specifier: string): string {
  const base = resolve(dirname(fromFile), specifier);
  if (!`${base}${sep}`.startsWith(`${root}${sep}`)) {
    throw new Error(`${fromFile} imports "${specifier}", outside ${root}: a generated app would not have it`);
  }
  return RESOLVE_SUFFIXES.map((suffix) => `${base}${suffix}`).find((path) => existsSync(path)) ?? base;
}

/** The file `@examples/shared/<subpath>` points to, through the shared package's `exports`. */
export function sharedExport(sharedDir: string, exports: Record<string, string>, specifier: string) {
  if (!specifier.startsWith(`${SHARED_PACKAGE}/`)) return undefined;
  const target = exports[`./${specifier.slice(SHARED_PACKAGE.length + 1)}`];
  return target ? join(sharedDir, target) : undefined;
}

/**
 * The files of examples/shared an app needs: what its imports name, and what those import in turn. Only those
 * are copied, so a server-only or test-only shared module never lands in an app that does not use it.
 */
export function sharedClosure(sharedDir: string, exports: Record<string, string>, entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`${SHARED_PACKAGE}: ${relative(sharedDir, file)} does not exist`);
    seen.add(file);
    for (const specifier of moduleSpecifiers(readFileSync(file, "utf8"))) {
      if (specifier.startsWith(".")) queue.push(resolveInside(sharedDir, file, specifier));
      const viaExports = sharedExport(sharedDir, exports, specifier);
      if (viaExports) queue.push(viaExports);
    }
  }
  return [...seen].map((file) => relative(sharedDir, file)).sort();
}
