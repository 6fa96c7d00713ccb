import { basename, join, relative, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import validateName from "validate-npm-package-name";
import { readManifest, type TemplateInfo } from "./manifest";
import { type CommandLine, parseCommandLine, USAGE } from "./options";
import { detectPackageManager, isPackageManager, PACKAGE_MANAGERS, type PackageManager } from "./package-manager";
import { createPrompter, type Prompter } from "./prompt";
import { firstCommands, scaffold } from "./scaffold";
import { targetProblem } from "./target";

export interface Environment {
  cwd: string;
  templatesDir: string;
  /** `npm_config_user_agent`: which package manager ran us. */
  userAgent: string | undefined;
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
}

const DEFAULT_FOLDER = "decart-app";

/** A mistake in what the user asked for: printed as is, exit code 1, nothing written. */
class InputError extends Error {}

function checkName(name: string): void {
  const verdict = validateName(name);
  if (verdict.validForNewPackages) return;
  const reasons = [...(verdict.errors ?? []), ...(verdict.warnings ?? [])].join("; ");
  throw new InputError(
    `"${name}" can't be the app's package name (${reasons}). Pick a folder name of lowercase letters, digits and dashes.`,
  );
}

function pickTemplate(name: string, templates: TemplateInfo[]): TemplateInfo {
  const template = templates.find((candidate) => candidate.name === name);
  if (template) return template;
  throw new InputError(`Unknown template "${name}". Choose one of: ${templates.map((t) => t.name).join(", ")}.`);
}

function pickPackageManager(name: string): PackageManager {
  if (isPackageManager(name)) return name;
  throw new InputError(`Unknown package manager "${name}". Choose one of: ${PACKAGE_MANAGERS.join(", ")}.`);
}

/** Answers from flags, else from the terminal, else (with --yes) defaults; never a guess without --yes. */
async function decide(line: CommandLine, env: Environment, templates: TemplateInfo[], ask: Prompter | undefined) {
  const missing = (flag: string) => new InputError(`No terminal to ask on: pass ${flag} (or --yes for defaults).`);
  const folder =
    line.folder ?? (ask ? await ask.text("Folder", DEFAULT_FOLDER) : line.yes ? DEFAULT_FOLDER : undefined);
  if (!folder) throw missing("the folder");
  const targetDir = resolve(env.cwd, folder);
  checkName(basename(targetDir));
  const givenTemplate = line.template === undefined ? undefined : pickTemplate(line.template, templates);
  const givenPm = line.pm === undefined ? undefined : pickPackageManager(line.pm);
  const detectedPm = detectPackageManager(env.userAgent);

  const choices = templates.map((t) => ({ value: t.name, label: `${t.title} (${t.name})` }));
  const templateName =
    givenTemplate?.name ?? (ask ? await ask.choose("Template", choices, templates[0]!.name) : undefined);
  if (!templateName && !line.yes) throw missing("--template");
  const template = templateName ? pickTemplate(templateName, templates) : templates[0]!;
  const pmChoices = PACKAGE_MANAGERS.map((pm) => ({ value: pm, label: pm }));
  const packageManager = givenPm ?? (ask ? await ask.choose("Package manager", pmChoices, detectedPm) : detectedPm);

  const problem = targetProblem(targetDir);
  if (problem === "not-a-folder") throw new InputError(`${folder} exists and is not a folder.`);
  if (problem === "not-empty" && !line.force) {
    const question = `${folder} is not empty. Write the app into it (files with the same names are replaced)?`;
    if (!ask || !(await ask.confirm(question))) {
      throw new InputError(`${folder} is not empty: nothing was written. Pick another folder, or pass --force.`);
    }
  }
  return { folder, targetDir, template, packageManager };
}

/** `create-decart-kit [folder] [options]`; resolves with the exit code. */
export async function main(argv: string[], env: Environment): Promise<number> {
  let ask: Prompter | undefined;
  try {
    const line = parseCommandLine(argv);
    if (line.help) {
      env.stdout.write(USAGE);
      return 0;
    }
    const templates = readManifest(env.templatesDir);
    ask = !line.yes && env.stdin.isTTY ? createPrompter(env.stdin, env.stdout) : undefined;
    const { folder, targetDir, template, packageManager } = await decide(line, env, templates, ask);
    const name = basename(targetDir);
    scaffold({ templateDir: join(env.templatesDir, template.name), targetDir, name, packageManager });
    const cd = relative(env.cwd, targetDir) ? `  cd ${folder}\n` : "";
    const { run, test } = firstCommands(packageManager);
    env.stdout.write(
      `\nCreated ${name} from the ${template.title} template. Next:\n\n${cd}` +
        `  ${run}   # http://127.0.0.1:3000, on the local emulator until DECART_API_KEY is set\n` +
        `  ${test}   # Chromium checks that both videos play\n\n`,
    );
    return 0;
  } catch (error) {
    const known = error instanceof InputError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    env.stderr.write(`create-decart-kit: ${(error as Error).message}\n${known ? "" : `${(error as Error).stack}\n`}`);
    return 1;
  } finally {
    ask?.close();
  }
}
