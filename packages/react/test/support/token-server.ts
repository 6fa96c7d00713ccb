import type { AddressInfo } from "node:net";
import { EMULATOR_API_KEY, type Emulator, startEmulator } from "@decart-kit/emulator";
import { createTokenRoute, type ExpressTokenPolicy } from "@decart-kit/express";
import express from "express";
import type { FakeDecartBackend } from "../../src/testing/fake-sdk";

/**
 * The real thing the hook talks to: an Express app on 127.0.0.1 with `createTokenRoute`, minting tokens from the
 * emulator (Decart's token API) over real HTTP. `policy()` swaps the route's policy between tests.
 */
export interface TokenServer {
  emulator: Emulator;
  /** Absolute URL of `POST /api/realtime-token`. */
  url: string;
  /** Requests the route received (the hook's token fetches). */
  requests: number;
  /** Requests whose client went away before the answer (an aborted fetch). */
  aborted: number;
  policy(overrides: ExpressTokenPolicy): void;
  close(): Promise<void>;
}

export async function startTokenServer(): Promise<TokenServer> {
  const emulator = await startEmulator();
  const base: ExpressTokenPolicy = {
    apiKey: EMULATOR_API_KEY,
    baseUrl: emulator.url,
    allowAnonymous: true,
    rateLimit: false,
    logger: false,
  };
  const routeFor = (policy: ExpressTokenPolicy) => express.Router().post("/", createTokenRoute(policy));
  let route = routeFor(base);
  const app = express();
  const server: TokenServer = {
    emulator,
    url: "",
    requests: 0,
    aborted: 0,
    policy: (overrides) => {
      route = routeFor({ ...base, ...overrides });
    },
    close: async () => {
      await new Promise((resolve) => http.close(resolve));
      await emulator.close();
    },
  };
  app.use("/api/realtime-token", (req, res, next) => {
    server.requests++;
    res.once("close", () => {
      if (!res.writableFinished) server.aborted++;
    });
    route(req, res, next);
  });
  const http = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => http.once("listening", resolve));
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/realtime-token`;
  return server;
}

/**
 * Makes the fake SDK's server judge tokens the way the emulator's realtime bouncer does, from what the emulator
 * really minted: unknown or expired tokens are refused with "401", models outside `allowedModels` with "not allowed".
 */
export function bounceWithEmulator(backend: FakeDecartBackend, emulator: Emulator): void {
  backend.checkToken = (apiKey) => {
    const issued = emulator.issued.find((token) => token.apiKey === apiKey);
    if (!issued) return "401 unknown token";
    if (Date.parse(issued.expiresAt) <= Date.now()) return "401 token expired";
    return null;
  };
}
