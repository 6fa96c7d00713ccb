import { join, sep } from "node:path";

// npm leaves some dotfiles out of a package (`.gitignore` above all), so templates keep them as `_dot_<name>`.
const DOT_PREFIX = "_dot_";

/** A path as the template stores it: every dotfile or dot-folder renamed. */
export function storedPath(path: string): string {
  return join(...path.split(sep).map((part) => (part.startsWith(".") ? `${DOT_PREFIX}${part.slice(1)}` : part)));
}

/** The path a stored file gets in the app: the original names back. */
export function appPath(stored: string): string {
  return join(
    ...stored.split(sep).map((part) => (part.startsWith(DOT_PREFIX) ? `.${part.slice(DOT_PREFIX.length)}` : part)),
  );
}
