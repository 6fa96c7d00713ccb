// `npm start`: builds the page of examples/express-react and runs its server in production mode. Without
// DECART_API_KEY the emulator starts inside that server (token API, signaling and media), so the whole app works
// offline; with the key it talks to Decart, unchanged.
//
// Inside this repository the example reads our packages from their TypeScript sources (the `@decart-kit/source`
// condition, as the tests do), so nothing else needs building first: the page's Vite build takes seconds, while
// building every package with its type declarations takes a minute or more on a small machine.
import { run } from "./lib/run.mjs";

const example = new URL("../examples/express-react/", import.meta.url).pathname;

await run("pnpm", ["exec", "vite", "build", "--logLevel", "warn"], { cwd: example, label: "build the page" });
await run("pnpm", ["exec", "tsx", "--conditions=@decart-kit/source", "server/main.ts"], {
  cwd: example,
  label: "start examples/express-react",
});
