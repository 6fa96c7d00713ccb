import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, posix, relative, sep } from "node:path";
import { MANIFEST_FILE, type TemplateInfo } from "../src/manifest";
import { storedPath } from "../src/stored-path";
import { TEMPLATE_SOURCES } from "./examples";
import { appReadme } from "./readme";
import {
  type PackageJson,
  type PackageRules,
  rewritePackageJson,
  rewriteTsconfig,
  type Tsconfig,
} from "./rewrite-package";
import {
  dropLinesWithTheirComments,
  isSourceFile,
  moduleSpecifiers,
  replaceSpecifiers,
  SHARED_PACKAGE,
  SOURCE_CONDITION,
  withoutSourceCondition,
} from "./rewrite-source";
import { resolveInside, sharedClosure, sharedExport, sharedTargetPath } from "./shared-files";

/** Files every app gets on top of its example's: its own browser test. */
const APP_FILES_DIR = join(import.meta.dirname, "..", "app-files");
const APP_TEST = "test/app.test.mjs";

const GITIGNORE = ["node_modules/", "dist/", ".next/", "next-env.d.ts", "*.tsbuildinfo", ".env", ".env.local"];

/** What an example has that an app must not: installs, builds, the repository's own test setup, its screenshots. */
function isLeftOut(pathInExample: string): boolean {
  const name = basename(pathInExample);
  const topLevel = !pathInExample.includes(sep);
  if (["node_modules", "dist", ".next", "test-results", "next-env.d.ts", ".gitignore"].includes(name)) return true;
  if (name.endsWith(".tsbuildinfo") || (name.startsWith(".env") && name !== ".env.example")) return true;
  // The repository's browser suites (test/, vitest.*.config.ts) need its test support; the app has its own test.
  return (
    topLevel && (name === "test" || name === "README.md" || /^vitest\./.test(name) || /^screenshot.*\.png$/.test(name))
  );
}

function listFiles(root: string, under = ""): string[] {
  return readdirSync(join(root, under)).flatMap((name) => {
    const path = join(under, name);
    if (isLeftOut(path)) return [];
    return statSync(join(root, path)).isDirectory() ? listFiles(root, path) : [path];
  });
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;
const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** `from` → `to` as an import specifier: posix, relative, no `.ts` extension (bundlers, tsx and tsc agree). */
function importPath(from: string, to: string): string {
  const path = posix.relative(posix.dirname(from.split(sep).join("/")), to.split(sep).join("/"));
  const withoutExtension = path.replace(/\.(ts|tsx)$/, "");
  return withoutExtension.startsWith(".") ? withoutExtension : `./${withoutExtension}`;
}

export interface RepoPaths {
  root: string;
  examples: string;
  shared: string;
}

class TemplateWriter {
  readonly files = new Map<string, string | Buffer>();
  readonly sharedEntries = new Set<string>();
  private readonly sharedExports: Record<string, string>;

  constructor(private readonly paths: RepoPaths) {
    this.sharedExports = readJson<{ exports: Record<string, string> }>(join(paths.shared, "package.json")).exports;
  }

  /** Shared imports become relative imports of the inlined copy; the source condition goes. */
  source(text: string, file: string, root: string, target: string): string {
    for (const specifier of moduleSpecifiers(text)) {
      if (specifier.startsWith(".")) resolveInside(root, file, specifier);
    }
    const inlined = replaceSpecifiers(text, (specifier) => {
      const sharedFile = sharedExport(this.paths.shared, this.sharedExports, specifier);
      if (!sharedFile) return undefined;
      this.sharedEntries.add(sharedFile);
      return importPath(target, sharedTargetPath(relative(this.paths.shared, sharedFile)));
    });
    // What still names the shared package is configuration for a workspace package (transpilePackages).
    return withoutSourceCondition(dropLinesWithTheirComments(inlined, (line) => line.includes(SHARED_PACKAGE)));
  }

  addShared(): void {
    const needed = sharedClosure(this.paths.shared, this.sharedExports, [...this.sharedEntries]);
    for (const path of needed) {
      const file = join(this.paths.shared, path);
      const target = sharedTargetPath(path);
      const text = readFileSync(file, "utf8");
      this.files.set(target, isSourceFile(path) ? this.source(text, file, this.paths.shared, target) : text);
    }
  }

  /** Nothing that only works inside this repository may reach an app. */
  check(template: string): void {
    for (const [path, content] of this.files) {
      if (typeof content !== "string") continue;
      for (const marker of [SOURCE_CONDITION, SHARED_PACKAGE, "workspace:"]) {
        if (content.includes(marker)) throw new Error(`template ${template}: ${path} still mentions "${marker}"`);
      }
    }
  }

  write(outDir: string): void {
    for (const [path, content] of this.files) {
      const target = join(outDir, storedPath(path));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
}

function packageRules(paths: RepoPaths): PackageRules {
  const packagesDir = join(paths.root, "packages");
  const publishedRanges = new Map<string, string>();
  for (const folder of readdirSync(packagesDir)) {
    const file = join(packagesDir, folder, "package.json");
    if (!existsSync(file)) continue;
    const pkg = readJson<PackageJson>(file);
    if (!pkg.private && pkg.name && pkg.version) publishedRanges.set(pkg.name, `^${pkg.version}`);
  }
  return {
    publishedRanges,
    shared: readJson(join(paths.shared, "package.json")),
    rootDevDependencies: readJson<PackageJson>(join(paths.root, "package.json")).devDependencies ?? {},
    testCommand: `npm run build && node --test ${APP_TEST}`,
  };
}

/** One example → one template folder (dotfiles stored under another name, see stored-path.ts). */
export function generateTemplate(paths: RepoPaths, source: { name: string; title: string }, outDir: string) {
  const exampleDir = join(paths.examples, source.name);
  const writer = new TemplateWriter(paths);
  const example = readJson<PackageJson>(join(exampleDir, "package.json"));
  const app = rewritePackageJson(example, packageRules(paths), `examples/${source.name}`);
  writer.files.set("package.json", toJson(app));

  for (const path of listFiles(exampleDir)) {
    const file = join(exampleDir, path);
    if (path === "package.json") continue;
    if (basename(path) === "tsconfig.json") {
      const config = readJson<Tsconfig>(file);
      const base = config.extends?.startsWith(".")
        ? readJson<Tsconfig>(join(dirname(file), config.extends))
        : undefined;
      writer.files.set(path, toJson(rewriteTsconfig(config, base)));
    } else if (isSourceFile(path)) {
      writer.files.set(path, writer.source(readFileSync(file, "utf8"), file, exampleDir, path));
    } else {
      writer.files.set(path, readFileSync(file));
    }
  }
  writer.addShared();
  writer.files.set(APP_TEST, readFileSync(join(APP_FILES_DIR, APP_TEST), "utf8"));
  const exampleIgnore = join(exampleDir, ".gitignore");
  const ignored = existsSync(exampleIgnore) ? readFileSync(exampleIgnore, "utf8").split("\n") : [];
  writer.files.set(".gitignore", `${[...new Set([...GITIGNORE, ...ignored.filter(Boolean)])].join("\n")}\n`);
  const readmeFile = join(exampleDir, "README.md");
  const readme = existsSync(readmeFile) ? readFileSync(readmeFile, "utf8") : "";
  writer.files.set("README.md", appReadme({ ...source, exampleReadme: readme, files: [...writer.files.keys()] }));
  writer.check(source.name);
  writer.write(join(outDir, source.name));
  return { name: source.name, title: source.title, description: String(example.description ?? "") };
}

/** Every example of the list that exists now → `outDir`, with the manifest the command reads. */
export function generateTemplates(repoRoot: string, outDir: string): TemplateInfo[] {
  const paths = { root: repoRoot, examples: join(repoRoot, "examples"), shared: join(repoRoot, "examples", "shared") };
  rmSync(outDir, { recursive: true, force: true });
  const present = TEMPLATE_SOURCES.filter((source) => existsSync(join(paths.examples, source.name, "package.json")));
  const manifest = present.map((source) => generateTemplate(paths, source, outDir));
  writeFileSync(join(outDir, MANIFEST_FILE), toJson(manifest));
  return manifest;
}
