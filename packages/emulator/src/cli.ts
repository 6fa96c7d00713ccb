#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startEmulator } from "./emulator.js";
import { EMULATOR_API_KEY } from "./keys.js";

const usage = "Usage: decart-emulator [--port N] [--host H] [--api-key K]";

function parseCli() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      "api-key": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port must be 0-65535, got "${values.port}"`);
  return { help: values.help, port, host: values.host, apiKey: values["api-key"] ?? EMULATOR_API_KEY };
}

async function main() {
  const cli = parseCli();
  if (cli.help) return console.log(usage);
  const emulator = await startEmulator({ host: cli.host, port: cli.port, apiKeys: [cli.apiKey] });
  // The key printed is the emulator's own, which only unlocks this local process.
  console.log(`Decart emulator listening
  baseUrl:         ${emulator.url}
  realtimeBaseUrl: ${emulator.realtimeUrl}
  apiKey:          ${cli.apiKey}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`decart-emulator: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(1);
});
