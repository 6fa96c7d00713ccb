// One process of the server benchmark, chosen by argv[2]: the emulator standing in for Decart, our route, or the
// hand-written route from Decart's backend example. Prints "READY <url>" once listening.
import type { AddressInfo } from "node:net";
import { startEmulator } from "@decart-kit/emulator";
import { createDecartClient } from "@decartai/sdk";
import express from "express";
import { createTokenRoute } from "../src/index";

const BENCH_KEY = "bench-permanent-key";
const BENCH_AUTH = "Bearer bench-user";
const PATH = "/api/realtime-token";

async function listen(app: express.Express): Promise<string> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
}

function ourRoute(decartUrl: string): express.Express {
  const app = express();
  app.use(
    PATH,
    createTokenRoute({
      apiKey: BENCH_KEY,
      baseUrl: decartUrl,
      authorize: ({ headers }) => (headers.authorization === BENCH_AUTH ? { id: "bench-user" } : null),
      allowedModels: ["mirage_v2", "lucy_v2v_720p_rt"],
      expiresIn: 60,
      // The default (10 per minute) would answer 429 within a second of load: raise it out of the way.
      rateLimit: { points: 1_000_000, duration: 60 },
      logger: false,
    }),
  );
  return app;
}

// What Decart's docs show for a backend: a route that calls the SDK's tokens.create() and returns the result.
function handWrittenRoute(decartUrl: string): express.Express {
  const client = createDecartClient({ apiKey: BENCH_KEY, baseUrl: decartUrl });
  const app = express();
  app.post(PATH, async (_req, res) => {
    try {
      const token = await client.tokens.create();
      res.json(token);
    } catch {
      res.status(500).json({ error: "Failed to create token" });
    }
  });
  return app;
}

const [role, decartUrl = ""] = process.argv.slice(2);
if (role === "emulator") {
  const emulator = await startEmulator({ apiKeys: [BENCH_KEY] });
  console.log(`READY ${emulator.url}`);
} else if (role === "ours") {
  console.log(`READY ${await listen(ourRoute(decartUrl))}`);
} else if (role === "hand-written") {
  console.log(`READY ${await listen(handWrittenRoute(decartUrl))}`);
} else {
  throw new Error(`unknown role ${role}`);
}

// CPU time is the figure a loaded, shared machine cannot distort much: the benchmark asks for it around each run.
process.on("message", (message) => {
  if (message === "cpu") process.send?.(process.cpuUsage());
});

// Exit cleanly when the benchmark is done with us (lets `--cpu-prof` write its profile).
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => process.exit(0));
