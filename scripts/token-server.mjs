// `pnpm start:token-server`: the token route alone, for trying the server half with curl. Starts an Express app
// serving POST /api/realtime-token; without DECART_API_KEY it also starts the emulator and mints through it.
import { createRequire } from "node:module";

const packages = new URL("../packages/", import.meta.url);
const express = createRequire(new URL("express/package.json", packages))("express");
const { createTokenRoute } = await import(new URL("express/dist/index.mjs", packages).href);
const { startEmulator, EMULATOR_API_KEY } = await import(new URL("emulator/dist/index.mjs", packages).href);

const PATH = "/api/realtime-token";
const port = Number(process.env.PORT ?? 3000);
const useDecart = Boolean(process.env.DECART_API_KEY);
const emulator = useDecart ? undefined : await startEmulator();

const app = express();
app.use(
  PATH,
  createTokenRoute({
    apiKey: useDecart ? process.env.DECART_API_KEY : EMULATOR_API_KEY,
    baseUrl: emulator?.url,
    // A demo with no users: anyone on this machine may mint. A real app passes `authorize`.
    allowAnonymous: true,
    expiresIn: 60,
    logger: console,
  }),
);
const server = app.listen(port, "127.0.0.1");
await new Promise((resolve, reject) => server.once("listening", resolve).once("error", reject));
const url = `http://127.0.0.1:${server.address().port}${PATH}`;

console.log(
  `\nDecart:       ${emulator ? `${emulator.url} (local emulator; set DECART_API_KEY to use Decart)` : "https://api.decart.ai"}`,
);
console.log(`Token route:  POST ${url}`);
console.log(`\nTry it:\n  curl -sS -X POST ${url} -H 'content-type: application/json' -d '{"expiresIn": 30}'\n`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    server.closeAllConnections();
    server.close();
    await emulator?.close();
    process.exit(0);
  });
}
