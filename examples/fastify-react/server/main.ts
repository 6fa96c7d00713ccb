// `pnpm start` (built page) and `pnpm dev` (Vite, hot reload): configuration comes from the environment / .env.
import { runFromEnvironment } from "@examples/shared/server";
import { startServer } from "./server";

await runFromEnvironment(startServer);
