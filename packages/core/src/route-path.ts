import { TokenPolicyError } from "./policy-error";

/** Checks an adapter's `path` option at creation, so a path no request can match fails fast instead of never answering. */
export function checkRoutePath(path: unknown): void {
  if (path === undefined || (typeof path === "string" && path.startsWith("/"))) return;
  const received = typeof path === "string" ? JSON.stringify(path) : String(path);
  throw new TokenPolicyError([{ option: "path", expected: 'a path starting with "/"', received }]);
}
