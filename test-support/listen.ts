import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A server of the app under test, listening on 127.0.0.1. */
export interface Listening {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1:0 (any free port) and resolves once the port is open. Another loopback `host` (`"::1"`, or
 * `"::ffff:127.0.0.1"` to see IPv4 callers as IPv4-mapped addresses) serves tests about client addresses.
 */
export async function listen(server: Server, host = "127.0.0.1"): Promise<Listening> {
  server.listen(0, host);
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host === "::1" ? "[::1]" : "127.0.0.1"}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
