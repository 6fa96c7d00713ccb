/** The export condition that makes this repository read our packages from their TypeScript sources. */
export const SOURCE_CONDITION = "@decart-kit/source";
/** The examples' private package of shared code, inlined into each template. */
export const SHARED_PACKAGE = "@examples/shared";

/** Files whose text the rules rewrite; every other file is copied byte for byte. */
const TEXT_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".css"];

export function isSourceFile(path: string): boolean {
  return TEXT_EXTENSIONS.some((extension) => path.endsWith(extension));
}

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*|@import\s+(?:url\()?)(["'])([^"'\n]+)\2/g;

/** Every module a file names: static and dynamic imports, re-exports, CSS `@import`. */
export function moduleSpecifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) => match[3]!);
}

/** Replaces each module specifier for which `replace` returns a new one. */
export function replaceSpecifiers(text: string, replace: (specifier: string) => string | undefined): string {
  return text.replace(SPECIFIER, (whole, lead: string, quote: string, specifier: string) => {
    const replacement = replace(specifier);
    return replacement === undefined ? whole : `${lead}${quote}${replacement}${quote}`;
  });
}

const isComment = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);

/**
 * Removes the lines `shouldDrop` picks, each with the comment lines right above it (they explain the dropped
 * line and would be wrong without it).
 */
export function dropLinesWithTheirComments(text: string, shouldDrop: (line: string) => boolean): string {
  const kept: string[] = [];
  for (const line of text.split("\n")) {
    if (!shouldDrop(line)) {
      kept.push(line);
      continue;
    }
    while (kept.length > 0 && isComment(kept.at(-1)!)) kept.pop();
  }
  return kept.join("\n");
}

const SOURCE_CONDITION_ITEM = new RegExp(`(["'])${SOURCE_CONDITION}\\1\\s*,?\\s*`, "g");

/**
 * Takes the source condition out of condition lists (`["@decart-kit/source", ...defaults]` → `[...defaults]`),
 * with the comment that explains it. A list left empty is dropped whole: an empty list would turn off the
 * bundler's default conditions instead of keeping them.
 */
export function withoutSourceCondition(text: string): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.includes(SOURCE_CONDITION)) {
      out.push(line);
      continue;
    }
    while (out.length > 0 && isComment(out.at(-1)!)) out.pop();
    const rest = line.replace(SOURCE_CONDITION_ITEM, "");
    if (!/\[\s*\]/.test(rest)) out.push(rest);
  }
  return out.join("\n");
}
