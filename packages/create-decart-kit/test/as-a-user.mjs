// `npm create decart-kit` the way a user meets it, for every template: the command from its packed tarball, the
// app installed by plain npm (our packages as `npm pack` tarballs, everything else from the registry; no workspace
// links, no source condition), then the app's own `npm test` (its build, its start, Chromium: both videos play)
// inside a loopback-only network namespace. The install happens before entering it: the registry is outside.
//
//   node packages/create-decart-kit/test/as-a-user.mjs [template…] [--skip-build] [--keep] [--phase prepare|test]
//
// `--phase prepare` packs, scaffolds and installs every app into a fixed folder and stops; `--phase test` then runs
// the apps' tests from there. `npm test` runs the prepare phase (network, disk) beside the unit tests (CPU).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runOnLoopbackOnly } from "../../../scripts/lib/loopback.mjs";
import { run } from "../../../scripts/lib/run.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "skip-build": { type: "boolean" }, keep: { type: "boolean" }, phase: { type: "string" } },
});
const repoRoot = resolve(import.meta.dirname, "../../..");
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const quiet = { npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };

const phase = values.phase ?? "all";
if (!["all", "prepare", "test"].includes(phase)) throw new Error(`--phase is prepare or test, not ${phase}`);
if (!values["skip-build"] && phase !== "test") {
  await run("pnpm", ["-r", "--filter", "./packages/**", "run", "build"], { cwd: repoRoot });
}

// Outside the workspace, so nothing resolves through its node_modules or its pnpm links. The two phases meet in a
// fixed folder; a whole run uses a fresh one.
const work =
  phase === "all" ? await mkdtemp(join(tmpdir(), "create-decart-kit-")) : join(tmpdir(), "create-decart-kit-phases");
if (phase === "prepare") await rm(work, { recursive: true, force: true });
const packs = join(work, "packs");
const apps = join(work, "apps");
const preparedFile = join(work, "prepared.json");
mkdirSync(apps, { recursive: true });

/** One pack step for every template: each publishable package once, as the registry would serve it. */
const tarballs = new Map();
const packagesDir = join(repoRoot, "packages");
for (const folder of phase === "test" ? [] : readdirSync(packagesDir)) {
  const manifest = join(packagesDir, folder, "package.json");
  if (!existsSync(manifest) || readJson(manifest).private) continue;
  const { name, version, scripts } = readJson(manifest);
  if (scripts?.build && !existsSync(join(packagesDir, folder, "dist"))) {
    throw new Error(`${name} has no build to pack: run without --skip-build (or pnpm build first)`);
  }
  // pnpm pack is npm pack plus turning `workspace:^` into the version, as publishing does.
  await run("pnpm", ["pack", "--pack-destination", packs], { cwd: join(packagesDir, folder), label: `pack ${name}` });
  tarballs.set(name, join(packs, `${name.replace("@", "").replace("/", "-")}-${version}.tgz`));
}
if (phase === "test") {
  if (!existsSync(preparedFile)) throw new Error("run --phase prepare first");
  for (const [name, tarball] of readJson(preparedFile).tarballs) tarballs.set(name, tarball);
}
const createTarball = tarballs.get("create-decart-kit");

function npmCreate(args) {
  // `npm create decart-kit` is `npm exec create-decart-kit`; the package is the tarball instead of the registry's.
  const command = ["exec", "--yes", "--prefer-offline", `--package=${createTarball}`, "--", "create-decart-kit"];
  return spawnSync("npm", [...command, ...args], { cwd: apps, encoding: "utf8", env: { ...process.env, ...quiet } });
}

/** The app's dependencies on our packages (direct, and through each other) point at the tarballs. */
function useTarballs(appDir) {
  const pkg = readJson(join(appDir, "package.json"));
  for (const field of ["dependencies", "devDependencies"]) {
    for (const name of Object.keys(pkg[field] ?? {})) {
      if (tarballs.has(name)) pkg[field][name] = `file:${tarballs.get(name)}`;
    }
  }
  const ours = [...tarballs].filter(([name]) => name !== "create-decart-kit");
  pkg.overrides = Object.fromEntries(ours.map(([name, tarball]) => [name, `file:${tarball}`]));
  writeFileSync(join(appDir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
}

const results = [];
const templates = readJson(join(repoRoot, "packages/create-decart-kit/templates/manifest.json"))
  .map((template) => template.name)
  .filter((name) => positionals.length === 0 || positionals.includes(name));

/** `npm create` and `npm install`, outside the namespace (the registry is out there). */
async function prepare(template) {
  const appDir = join(apps, template);
  const started = Date.now();
  const created = npmCreate([template, "--template", template, "--pm", "npm", "--yes"]);
  if (created.status !== 0) throw new Error(`npm create (${template}) failed:\n${created.stdout}${created.stderr}`);
  const scaffolded = Date.now();
  useTarballs(appDir);
  await run("npm", ["install", "--prefer-offline", "--loglevel=error"], {
    cwd: appDir,
    label: `${template}: npm install`,
    env: quiet,
  });
  return { template, appDir, create: scaffolded - started, install: Date.now() - scaffolded };
}

/** The app's own `npm test`: its build, its server, Chromium with a fake camera, on loopback only. */
async function test({ template, appDir }) {
  const started = Date.now();
  await runOnLoopbackOnly("npm", ["test"], {
    cwd: appDir,
    label: `${template}: npm test (build, start, Chromium: both videos play)`,
    env: { ...quiet, CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", NEXT_TELEMETRY_DISABLED: "1" },
  });
  return Date.now() - started;
}

if (templates.length === 0) throw new Error(`no template matches ${positionals.join(", ")}`);
if (phase === "prepare") {
  // Installs only: two at a time, since they wait on the network and the disk more than on the CPU.
  const prepared = [];
  for (let index = 0; index < templates.length; index += 2) {
    prepared.push(...(await Promise.all(templates.slice(index, index + 2).map(prepare))));
  }
  writeFileSync(preparedFile, JSON.stringify({ tarballs: [...tarballs], prepared }));
  console.log(`${prepared.length} apps created and installed in ${apps}`);
  process.exit(0);
} else if (phase === "test") {
  for (const prepared of readJson(preparedFile).prepared) results.push({ ...prepared, test: await test(prepared) });
} else {
  let pending = prepare(templates[0]);
  for (let index = 0; index < templates.length; index++) {
    const prepared = await pending;
    const upcoming = templates[index + 1];
    // The first template is tested alone, so its npm create → playing figure has no other install in it. After
    // that, the next template installs (network, disk) while the current one is tested (CPU): less CI time.
    pending = upcoming && index > 0 ? prepare(upcoming) : undefined;
    const tested = await test(prepared);
    pending ??= upcoming ? prepare(upcoming) : undefined;
    results.push({ ...prepared, test: tested });
  }
}

// Bad input through the published command itself: a clear message, exit code 1, the folder left as it was.
const occupied = join(apps, "occupied");
mkdirSync(occupied, { recursive: true });
writeFileSync(join(occupied, "notes.txt"), "mine\n");
const refused = npmCreate(["occupied", "--template", templates[0], "--yes"]);
if (refused.status !== 1 || !/is not empty/.test(refused.stderr) || readdirSync(occupied).length !== 1) {
  throw new Error(`a non-empty folder was not refused:\n${refused.stdout}${refused.stderr}`);
}

console.log("\ntemplate        npm create   npm install   npm test (build + browser)   total");
for (const { template, create, install, test } of results) {
  const total = create + install + test;
  console.log(
    `${template.padEnd(15)} ${seconds(create).padStart(10)} ${seconds(install).padStart(13)} ${seconds(test).padStart(28)} ${seconds(total).padStart(7)}`,
  );
}
const express = results.find((result) => result.template === "express-react");
if (express) {
  const total = express.create + express.install + express.test;
  console.log(
    `\nExpress: npm create → both videos playing in ${seconds(total)} (install, build and browser test included${
      phase === "test" ? "; installed beside the unit tests of npm test" : ""
    })`,
  );
}
if (values.keep) console.log(`apps kept in ${apps}`);
// Three apps are about a gigabyte of node_modules: the async rm removes files in parallel, rmSync one by one.
else await rm(work, { recursive: true, force: true });
console.log(`${results.length + 1} passed, 0 failed`);
