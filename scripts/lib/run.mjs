import { spawn } from "node:child_process";

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
