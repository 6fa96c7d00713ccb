import { fileURLToPath } from "node:url";
import { describeExample } from "@examples/shared/e2e";
import { startServer } from "../server/server";

describeExample({
  name: "express-react",
  root: fileURLToPath(new URL("..", import.meta.url)),
  startServer: (options) => startServer({ ...options, host: "127.0.0.1" }),
  // The page's own behaviour (queue, session end, camera blocked, …) is the same on every server: tested here once.
  pageBehaviour: true,
});
