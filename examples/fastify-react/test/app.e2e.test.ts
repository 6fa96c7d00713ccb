import { fileURLToPath } from "node:url";
import { describeExample } from "@examples/shared/e2e";
import { startServer } from "../server/server";

describeExample({
  name: "fastify-react",
  root: fileURLToPath(new URL("..", import.meta.url)),
  startServer: (options) => startServer({ ...options, host: "127.0.0.1" }),
});
