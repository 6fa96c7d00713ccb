// Runs a command inside a fresh network namespace that has only the loopback interface, so WebRTC
// (which gathers candidates on every interface) cannot send a packet anywhere but 127.0.0.1.
import { run } from "./run.mjs";

export function runOnLoopbackOnly(command, args, options = {}) {
  const asRoot = process.getuid?.() === 0;
  // Root gets a plain network namespace; anyone else maps themselves to root in a user namespace first.
  const unshareFlags = asRoot ? ["-n"] : ["-r", "-n"];
  const quoted = [command, ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(" ");
  return run("unshare", [...unshareFlags, "sh", "-c", `ip link set lo up && exec ${quoted}`], options);
}
