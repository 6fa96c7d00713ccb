import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { sendDetail } from "./http.js";

/** A route claims a request (or upgrade) by returning `true`; unclaimed ones fall through to the next route. */
export interface HttpRoute {
  request?(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): boolean;
}

/**
 * One HTTP server for everything the emulator serves: the token API, the control plane's WebSocket and whatever the
 * media plane claims. Routes are asked in order; the list is read on every request so late routes (the media
 * plane, built once the port is known) take part.
 */
export function createRoutedServer(routes: readonly HttpRoute[]): Server {
  const server = createServer((req, res) => {
    const path = pathOf(req);
    for (const route of routes) if (route.request?.(req, res, path)) return;
    sendDetail(res, 404, "Not Found");
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const path = pathOf(req);
    for (const route of routes) if (route.upgrade?.(req, socket, head, path)) return;
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });
  return server;
}

export async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server.address() as AddressInfo;
}

/** Ends every connection, hung ones included, and resolves once the port is free. */
export async function shutdown(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const end = url.indexOf("?");
  return end === -1 ? url : url.slice(0, end);
}
