import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";

/** Runs a command with inherited output; rejects with the label when it exits non-zero. */
export function run(command, args, { cwd, label = command, env } = {}) {
  console.log(`\n▶ ${label}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: "inherit", env: env ? { ...process.env, ...env } : process.env });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/**
 * Like `run`, for a step that runs beside another: its output goes to `logPath` instead of interleaving with the
 * other step's, and is printed once it ends (in full when it fails).
 */
export function runBeside(command, args, { cwd, label = command, env, logPath }) {
  console.log(`\n▶ ${label} (beside the next steps; output in ${logPath})`);
  const log = openSync(logPath, "w");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ["ignore", log, log],
      env: env ? { ...process.env, ...env } : process.env,
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      closeSync(log);
      console.log(`\n▶ ${label}: ended\n${readFileSync(logPath, "utf8").trimEnd()}`);
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
