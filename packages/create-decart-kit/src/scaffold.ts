import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PackageManager } from "./package-manager";
import { appPath } from "./stored-path";

export interface ScaffoldOptions {
  /** The template's folder, as the build wrote it. */
  templateDir: string;
  /** The app's folder: missing, empty, or consented to. */
  targetDir: string;
  /** The app's package name (already validated). */
  name: string;
  packageManager: PackageManager;
}

function storedFiles(root: string, under = ""): string[] {
  return readdirSync(join(root, under)).flatMap((entry) => {
    const path = join(under, entry);
    return statSync(join(root, path)).isDirectory() ? storedFiles(root, path) : [path];
  });
}

/** The app's package.json: its own name, and scripts that call the chosen package manager. */
function personalisedPackageJson(text: string, options: ScaffoldOptions): string {
  const pkg = JSON.parse(text) as { name: string; scripts?: Record<string, string> };
  pkg.name = options.name;
  for (const [script, command] of Object.entries(pkg.scripts ?? {})) {
    pkg.scripts![script] = command.replaceAll("npm run ", `${options.packageManager} run `);
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The two commands that run and test the app, padded so that comments after them line up. */
export function firstCommands(packageManager: PackageManager): { run: string; test: string } {
  const run = `${packageManager} install && ${packageManager} run dev`;
  return { run, test: `${packageManager} test`.padEnd(run.length) };
}

function personalisedReadme(text: string, options: ScaffoldOptions): string {
  const { run, test } = firstCommands(options.packageManager);
  return text
    .replaceAll("{{name}}", options.name)
    .replaceAll("{{pm}}", options.packageManager)
    .replaceAll("{{run}}", run)
    .replaceAll("{{test}}", test);
}

/** Writes the template into the target folder; returns the app's files (relative paths). */
export function scaffold(options: ScaffoldOptions): string[] {
  const written: string[] = [];
  for (const stored of storedFiles(options.templateDir)) {
    const path = appPath(stored);
    const source = join(options.templateDir, stored);
    const target = join(options.targetDir, path);
    mkdirSync(dirname(target), { recursive: true });
    if (path === "package.json") {
      writeFileSync(target, personalisedPackageJson(readFileSync(source, "utf8"), options));
    } else if (path === "README.md") {
      writeFileSync(target, personalisedReadme(readFileSync(source, "utf8"), options));
    } else {
      copyFileSync(source, target);
    }
    written.push(path);
  }
  return written;
}
