// `npm start`, after `pnpm run build` has built the packages: builds the page of examples/express-react and runs
// its server in production mode. Without DECART_API_KEY the emulator starts inside that server (token API,
// signaling and media), so the whole app works offline; with the key it talks to Decart, unchanged.
import { run } from "./lib/run.mjs";

const example = new URL("../examples/express-react/", import.meta.url).pathname;

await run("pnpm", ["exec", "vite", "build", "--logLevel", "warn"], { cwd: example, label: "build the page" });
await run("pnpm", ["exec", "tsx", "server/main.ts"], { cwd: example, label: "start examples/express-react" });
