import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTemplates } from "../generate/generate";
import { main } from "../src/main";

let templatesDir: string;
const folders: string[] = [];
const tempFolder = (prefix: string) => {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
};
beforeAll(() => {
  templatesDir = tempFolder("cdk-cli-templates-");
  generateTemplates(resolve(import.meta.dirname, "../../.."), templatesDir);
});
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Runs the command in a fresh folder; `answers` are typed one per question, as on a terminal. */
async function create(argv: string[], options: { answers?: string[]; userAgent?: string; cwd?: string } = {}) {
  const cwd = options.cwd ?? tempFolder("cdk-cli-");
  const stdin = Object.assign(new PassThrough(), { isTTY: options.answers !== undefined });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  const answers = [...(options.answers ?? [])];
  stdout.on("data", (chunk: Buffer) => {
    out += chunk;
    // A question ends with ": " and waits for a line.
    if (chunk.toString().endsWith(": ") && answers.length > 0) setImmediate(() => stdin.write(`${answers.shift()}\n`));
  });
  stderr.on("data", (chunk: Buffer) => (err += chunk));
  const code = await main(argv, { cwd, templatesDir, userAgent: options.userAgent, stdin, stdout, stderr });
  return { code, out, err, cwd };
}

describe("create-decart-kit with flags (no terminal needed)", () => {
  it("writes a standalone app: its name, dotfiles, scripts and README commands for the chosen package manager", async () => {
    const { code, cwd, out } = await create(["my-app", "--template", "koa-react", "--pm", "pnpm", "--yes"]);
    expect(code).toBe(0);
    const app = join(cwd, "my-app");
    const pkg = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
    expect(pkg.name).toBe("my-app");
    expect(pkg.dependencies["@decart-kit/koa"]).toMatch(/^\^\d/);
    expect(pkg.scripts.test).toBe("pnpm run build && node --test test/app.test.mjs");
    expect(readdirSync(app)).toEqual(expect.arrayContaining([".env.example", ".gitignore", "shared", "test"]));
    const readme = readFileSync(join(app, "README.md"), "utf8").split("\n");
    expect(readme.slice(0, 5)).toEqual([
      "# my-app",
      "",
      "```sh",
      expect.stringMatching(/^pnpm install && pnpm run dev +# run it/),
      expect.stringMatching(/^pnpm test +# test it/),
    ]);
    expect(readme[3]!.indexOf("#")).toBe(readme[4]!.indexOf("#"));
    expect(out).toContain("cd my-app");
  });

  it("takes the first template and the package manager that ran it with --yes", async () => {
    const { code, cwd } = await create(["app", "--yes"], { userAgent: "yarn/4.5.0 npm/? node/v20.19.0" });
    expect(code).toBe(0);
    expect(existsSync(join(cwd, "app/server/app.ts"))).toBe(true);
    expect(readFileSync(join(cwd, "app/README.md"), "utf8")).toContain("yarn install && yarn run dev");
  });

  it("writes into a non-empty folder only with --force, and keeps what was there", async () => {
    const cwd = tempFolder("cdk-cli-");
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken", "notes.txt"), "mine");
    const refused = await create(["taken", "--template", "nextjs", "--yes"], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      "create-decart-kit: taken is not empty: nothing was written. Pick another folder, or pass --force.\n",
    );
    expect(readdirSync(join(cwd, "taken"))).toEqual(["notes.txt"]);

    const forced = await create(["taken", "--template", "nextjs", "--yes", "--force"], { cwd });
    expect(forced.code).toBe(0);
    expect(readdirSync(join(cwd, "taken"))).toEqual(expect.arrayContaining(["notes.txt", "app", "next.config.ts"]));
  });

  it.each([
    [["app", "--template", "rails"], /Unknown template "rails"\. Choose one of: express-react, koa-react/],
    [["app", "--template", "nextjs", "--pm", "cargo"], /Unknown package manager "cargo"\. Choose one of: npm, pnpm/],
    [["My App", "--yes"], /"My App" can't be the app's package name \(name can only contain URL-friendly/],
    [
      ["node_modules", "--yes"],
      /"node_modules" can't be the app's package name \(node_modules is not a valid package name\)/,
    ],
    [["app"], /No terminal to ask on: pass --template \(or --yes for defaults\)\./],
    [["app", "--tempalte", "nextjs"], /Unknown option '--tempalte'/],
  ])("refuses %j with a clear message and writes nothing", async (argv, message) => {
    const { code, err, cwd } = await create(argv);
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(err).not.toContain("    at "); // a sentence, not a stack trace
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("create-decart-kit on a terminal", () => {
  it("asks for the folder, the template and the package manager, with defaults on Enter", async () => {
    const { code, cwd, out } = await create([], { answers: ["studio", "3", ""], userAgent: "pnpm/10.0.0" });
    expect(code).toBe(0);
    expect(out).toContain("Template\n  1. Express + React (Vite) (express-react)");
    const pkg = JSON.parse(readFileSync(join(cwd, "studio/package.json"), "utf8"));
    expect(pkg.name).toBe("studio");
    expect(pkg.scripts.test.startsWith("pnpm run build")).toBe(true);
  });

  it("asks before writing into a non-empty folder, and writes nothing on No", async () => {
    const cwd = tempFolder("cdk-cli-");
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken", "notes.txt"), "mine");
    const { code, out } = await create(["taken", "--template", "nextjs", "--pm", "npm"], { answers: ["n"], cwd });
    expect(code).toBe(1);
    expect(out).toContain("taken is not empty. Write the app into it (files with the same names are replaced)? (y/N)");
    expect(readdirSync(join(cwd, "taken"))).toEqual(["notes.txt"]);
  });

  it("writes into a non-empty folder on Yes, keeping the files that were there", async () => {
    const cwd = tempFolder("cdk-cli-");
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken", "notes.txt"), "mine");
    const { code } = await create(["taken", "--template", "express-react", "--pm", "npm"], { answers: ["y"], cwd });
    expect(code).toBe(0);
    expect(readdirSync(join(cwd, "taken"))).toEqual(expect.arrayContaining(["notes.txt", "server", "package.json"]));
  });
});
