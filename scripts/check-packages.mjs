// Lints what each publishable package would ship: publint (strict) for package.json and files,
// attw --pack for types that resolve the same way under every module resolution mode.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./lib/run.mjs";

const root = join(import.meta.dirname, "..", "packages");
// Private workspace packages (the conformance suite) are never published, so there is nothing to lint.
const isPublished = (name) => !JSON.parse(readFileSync(join(root, name, "package.json"), "utf8")).private;
const packages = readdirSync(root).filter((name) => existsSync(join(root, name, "package.json")) && isPublished(name));
// A command (create-decart-kit) exports nothing to import, so it has no types for attw to check.
const isImportable = (name) => Boolean(JSON.parse(readFileSync(join(root, name, "package.json"), "utf8")).exports);
for (const name of packages) {
  const dir = join(root, name);
  await run("pnpm", ["exec", "publint", "--strict"], { cwd: dir, label: `publint ${name}` });
  if (!isImportable(name)) continue;
  await run("pnpm", ["exec", "attw", "--pack", ".", "--profile", "node16", "--format", "table-flipped"], {
    cwd: dir,
    label: `attw ${name}`,
  });
}
