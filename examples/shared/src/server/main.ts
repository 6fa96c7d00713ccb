import { existsSync } from "node:fs";
import type { RunningServer, ServerOptions } from "./prepare";

/**
 * `pnpm start` / `pnpm dev` of an example: reads `.env` when there is one, starts the server from the
 * environment, prints where it is, and shuts down cleanly on Ctrl+C.
 */
export async function runFromEnvironment(start: (options: ServerOptions) => Promise<RunningServer>): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const port = Number(process.env.PORT || 3000);
  const server = await start({
    port,
    host: process.env.HOST || "127.0.0.1",
    apiKey: process.env.DECART_API_KEY || undefined,
    sessionSecret: process.env.SESSION_SECRET || undefined,
    dev: process.argv.includes("--dev"),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    console.error(`\n  Port ${port} is already in use. Start on another one: PORT=3001 (or stop what runs there).\n`);
    process.exit(1);
  });
  const backend =
    server.mode === "emulator"
      ? "the local emulator (no DECART_API_KEY set: it echoes your camera back)"
      : "Decart (DECART_API_KEY is set)";
  console.log(`\n  Realtime Studio is ready: ${server.url}\n  Sessions run on ${backend}.\n`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void server.close().finally(() => process.exit(0));
    });
  }
}
