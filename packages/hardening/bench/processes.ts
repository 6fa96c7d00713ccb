// Each role of serve.ts runs in its own process, so one route's CPU and memory are measured alone.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

const children = new Map<string, ChildProcess>();

/** Starts one role of serve.ts (same loader and conditions, plus `nodeFlags`) and waits for its URL. */
export function startProcess(role: string, decartUrl = "", nodeFlags: string[] = []): Promise<string> {
  const serve = new URL("./serve.ts", import.meta.url).pathname;
  const child = spawn(process.execPath, [...process.execArgv, ...nodeFlags, serve, role, decartUrl], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  children.set(role, child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${role} exited with ${code}`)));
    createInterface({ input: child.stdout as NonNullable<typeof child.stdout> }).on("line", (line) => {
      if (line.startsWith("READY ")) resolve(line.slice(6));
    });
  });
}

function ask<T>(role: string, message: string): Promise<T> {
  const child = children.get(role);
  if (!child) throw new Error(`no process ${role}`);
  return new Promise((resolve) => {
    child.once("message", (answer) => resolve(answer as T));
    child.send(message);
  });
}

/** CPU time (user + system, µs) a process has used so far. */
export async function cpuOf(role: string): Promise<number> {
  const usage = await ask<NodeJS.CpuUsage>(role, "cpu");
  return usage.user + usage.system;
}

/** A process's memory, after a full collection when it runs with --expose-gc. */
export const memoryOf = (role: string) => ask<NodeJS.MemoryUsage>(role, "memory");

/** Stops every process started here. */
export function stopProcesses(): void {
  for (const child of children.values()) child.kill();
  children.clear();
}
