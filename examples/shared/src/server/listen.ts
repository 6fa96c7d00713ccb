import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** An HTTP server that is already listening, so the app can be built knowing its own origin. */
export async function listenFirst(port: number, host: string): Promise<{ server: Server; address: AddressInfo }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, address: server.address() as AddressInfo };
}

/** Closes the server and every connection still open on it (keep-alive, HMR sockets). */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
