import { SHARED_PACKAGE, SOURCE_CONDITION } from "./rewrite-source";

export type Dependencies = Record<string, string>;

export interface PackageJson {
  name?: string;
  version?: string;
  private?: boolean;
  scripts?: Record<string, string>;
  dependencies?: Dependencies;
  devDependencies?: Dependencies;
  [field: string]: unknown;
}

export interface PackageRules {
  /** `^<version>` of every publishable workspace package, by name: what `workspace:` becomes. */
  publishedRanges: Map<string, string>;
  /** The shared package's manifest: its dependencies come along with its inlined code. */
  shared: PackageJson;
  /** Versions the repository root provides to every example without them declaring it (typescript, @types/node). */
  rootDevDependencies: Dependencies;
  /** The command `npm test` runs in the app. */
  testCommand: string;
}

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;
const CONDITION_FLAG = new RegExp(`\\s--conditions[= ]${SOURCE_CONDITION}`, "g");

function sorted(dependencies: Dependencies): Dependencies {
  return Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b)));
}

function published(dependencies: Dependencies | undefined, rules: PackageRules, owner: string): Dependencies {
  const out: Dependencies = {};
  for (const [name, range] of Object.entries(dependencies ?? {})) {
    if (name === SHARED_PACKAGE) continue; // inlined as source
    if (!range.startsWith("workspace:")) {
      out[name] = range;
      continue;
    }
    const publishedRange = rules.publishedRanges.get(name);
    if (!publishedRange) throw new Error(`${owner}: "${name}" is a workspace package that is not published`);
    out[name] = publishedRange;
  }
  return out;
}

/** A tool the app's scripts or test need that the examples get from the repository root. */
function fromRoot(name: string, rules: PackageRules): Dependencies {
  const range = rules.rootDevDependencies[name];
  if (!range) throw new Error(`the repository root has no devDependency "${name}" to take the version from`);
  return { [name]: range };
}

/**
 * An example's package.json as a standalone app's: published ranges instead of workspace links, the shared
 * package's dependencies instead of the shared package, no source condition in scripts, and a `test` script.
 */
export function rewritePackageJson(example: PackageJson, rules: PackageRules, owner: string): PackageJson {
  const app: PackageJson = { ...example, name: example.name?.replace(/^@[^/]+\//, ""), version: "0.1.0" };
  app.private = true;
  for (const field of DEPENDENCY_FIELDS) {
    if (example[field]) app[field] = published(example[field] as Dependencies, rules, owner);
  }
  const usesShared = Boolean(example.dependencies?.[SHARED_PACKAGE]);
  const dependencies = { ...(usesShared ? published(rules.shared.dependencies, rules, SHARED_PACKAGE) : {}) };
  app.dependencies = sorted({ ...dependencies, ...app.dependencies });

  const scripts = Object.fromEntries(
    Object.entries(example.scripts ?? {}).map(([name, command]) => [name, command.replace(CONDITION_FLAG, "")]),
  );
  scripts.test = rules.testCommand;
  app.scripts = scripts;

  const usesTsc = Object.values(scripts).some((command) => /\btsc\b/.test(command));
  const tools = {
    ...fromRoot("@types/node", rules),
    ...fromRoot("playwright-core", rules),
    ...(usesTsc ? fromRoot("typescript", rules) : {}),
  };
  const declared = { ...app.dependencies, ...app.devDependencies };
  const missingTools = Object.fromEntries(Object.entries(tools).filter(([name]) => !declared[name]));
  app.devDependencies = sorted({ ...app.devDependencies, ...missingTools });
  return app;
}

export interface Tsconfig {
  extends?: string;
  compilerOptions?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * Inlines the repository's base config (an app has no `../../tsconfig.base.json`) and drops the source
 * condition from `customConditions`.
 */
export function rewriteTsconfig(config: Tsconfig, base: Tsconfig | undefined): Tsconfig {
  const { extends: _extends, ...rest } = config;
  const compilerOptions = { ...(base?.compilerOptions ?? {}), ...(config.compilerOptions ?? {}) };
  const conditions = (compilerOptions.customConditions as string[] | undefined)?.filter((c) => c !== SOURCE_CONDITION);
  if (conditions?.length) compilerOptions.customConditions = conditions;
  else delete compilerOptions.customConditions;
  return base ? { ...rest, compilerOptions } : { ...config, compilerOptions };
}
