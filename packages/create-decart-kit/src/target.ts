import { existsSync, readdirSync, statSync } from "node:fs";

/** Why the app cannot simply be written to `dir`, or undefined when it can (missing, or an empty folder). */
export function targetProblem(dir: string): "not-a-folder" | "not-empty" | undefined {
  if (!existsSync(dir)) return undefined;
  if (!statSync(dir).isDirectory()) return "not-a-folder";
  // A fresh `git init` is still an empty project.
  return readdirSync(dir).some((name) => name !== ".git") ? "not-empty" : undefined;
}
