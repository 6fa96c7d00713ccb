import { createServer } from "node:http";
import Koa3 from "koa";
import Koa2 from "koa2";
import { type Listening, listen } from "../../../../test-support/listen";

export const KOA_MAJORS = [
  { name: "Koa 3", Koa: Koa3 },
  { name: "Koa 2", Koa: Koa2 as typeof Koa3 },
];

/** Serves a Koa app on 127.0.0.1:0 until `close()`. */
export function serve(app: Koa3): Promise<Listening> {
  return listen(createServer(app.callback()));
}
