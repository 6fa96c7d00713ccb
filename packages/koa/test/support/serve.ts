import type { AddressInfo } from "node:net";
import Koa3 from "koa";
import Koa2 from "koa2";

export const KOA_MAJORS = [
  { name: "Koa 3", Koa: Koa3 },
  { name: "Koa 2", Koa: Koa2 as typeof Koa3 },
];

/** Serves a Koa app on 127.0.0.1:0 until `close()`. */
export async function serve(app: Koa3): Promise<{ origin: string; close(): Promise<void> }> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
