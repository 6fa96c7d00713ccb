import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Emulator } from "@decart-kit/emulator";
import type { ViteDevServer } from "vite";
import { type RealtimeBackend, startRealtimeBackend } from "./backend";
import { ownOrigins } from "./demo";
import { closeServer, listenFirst } from "./listen";
import { createViteMiddleware } from "./vite";

/** How an example server starts; `server/main.ts` fills these from the environment. */
export interface ServerOptions {
  /** @default 3000 */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** Decart's permanent key; without it the emulator starts in-process. */
  apiKey?: string | undefined;
  /** Use this emulator instead of starting one (tests). */
  emulator?: Emulator;
  /** Serve the page through Vite's dev server (hot reload) instead of the built files. */
  dev?: boolean;
  /** Where the built page is. @default "<example>/dist" */
  clientDir?: string;
  /** Token lifetime in seconds. @default 60 */
  tokenExpiresIn?: number;
  /** Decart ends each session after this many seconds. @default 300 */
  maxSessionDuration?: number;
  /** Signs the demo session cookie. @default a random secret per start (everyone is signed out on restart) */
  sessionSecret?: string | undefined;
}

export interface RunningServer {
  url: string;
  mode: RealtimeBackend["mode"];
  close(): Promise<void>;
}

/** Everything an example's framework code needs before it builds its app. */
export interface PreparedServer {
  backend: RealtimeBackend;
  /** Listening already, with no request handler yet: attach the app with `server.on("request", …)`. */
  server: Server;
  origins: string[];
  sessionSecret: string;
  /** Vite's dev server in development, else undefined (serve `clientDir` instead). */
  vite: ViteDevServer | undefined;
  clientDir: string;
  running: RunningServer;
}

/**
 * The framework-free half of starting an example: pick Decart or the emulator, listen (so the app knows its
 * own origin before it scopes tokens to it), and start Vite in development.
 */
export async function prepareServer(options: ServerOptions, exampleRoot: string): Promise<PreparedServer> {
  const clientDir = options.clientDir ?? join(exampleRoot, "dist");
  if (!options.dev && !existsSync(join(clientDir, "index.html"))) {
    throw new Error(`No built page in ${clientDir}: run \`pnpm build\` first, or \`pnpm dev\` for development.`);
  }
  const backend = await startRealtimeBackend({ apiKey: options.apiKey, emulator: options.emulator });
  const { server, address } = await listenFirst(options.port ?? 3000, options.host ?? "127.0.0.1").catch(
    async (error: unknown) => {
      await backend.close(); // the emulator it may have started must not outlive a failed start
      throw error;
    },
  );
  const vite = options.dev ? await createViteMiddleware(join(exampleRoot, "vite.config.ts"), server) : undefined;
  const origins = ownOrigins(address);
  return {
    backend,
    server,
    origins,
    sessionSecret: options.sessionSecret ?? crypto.randomUUID(),
    vite,
    clientDir,
    running: {
      url: origins[0]!,
      mode: backend.mode,
      async close() {
        await vite?.close();
        await closeServer(server);
        await backend.close();
      },
    },
  };
}
