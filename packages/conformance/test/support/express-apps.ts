import type { AddressInfo } from "node:net";
import type { TokenPolicy } from "@decart-kit/core";
import express5 from "express";
import express4 from "express4";
import { createTokenRoute } from "../../src/index";

/** A running app that serves the token route at `url` (the route's own URL). */
export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Honour X-Forwarded-For (Express `trust proxy`). */
  trustProxy?: boolean;
}

/**
 * Starts a real app with one token route on 127.0.0.1:0. The behaviour suite only talks to it over HTTP, so
 * another framework joins by providing another factory.
 */
export interface AppFactory {
  name: string;
  /** False when the framework answers some methods itself (Express `app.post` never sees GET or OPTIONS). */
  seesEveryMethod: boolean;
  /**
   * False when a body parser mounted before the route fails in a way only the app's own error handler sees
   * (Express: a parser error never enters an `app.post` route's stack).
   */
  answersBodyParserErrors: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: the suite passes policies typed for any identity and request.
  start(policy: TokenPolicy<any, any>, options?: StartOptions): Promise<RunningApp>;
}

const ROUTE_PATH = "/api/realtime-token";

type ExpressModule = typeof express5;

function expressFactory(
  name: string,
  express: ExpressModule,
  { mount, bodyParser }: { mount: "use" | "post"; bodyParser: boolean },
): AppFactory {
  return {
    name: `${name}, app.${mount}${bodyParser ? ", express.json()" : ""}`,
    seesEveryMethod: mount === "use",
    answersBodyParserErrors: mount === "use" || !bodyParser,
    async start(policy, options = {}) {
      const app = express();
      if (options.trustProxy) app.set("trust proxy", true);
      if (bodyParser) app.use(express.json());
      if (mount === "use") app.use(ROUTE_PATH, createTokenRoute(policy));
      else app.post(ROUTE_PATH, createTokenRoute(policy));
      // Proves the route leaves the rest of the app alone.
      app.use((_req, res) => {
        res.status(404).json({ notFound: true });
      });
      const server = app.listen(0, "127.0.0.1");
      await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}${ROUTE_PATH}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
  };
}

/** Every Express major and way of mounting the route that the README promises. */
export const expressFactories: AppFactory[] = [5, 4].flatMap((major) => {
  const express = major === 5 ? express5 : (express4 as ExpressModule);
  return [
    expressFactory(`Express ${major}`, express, { mount: "use", bodyParser: false }),
    expressFactory(`Express ${major}`, express, { mount: "use", bodyParser: true }),
    expressFactory(`Express ${major}`, express, { mount: "post", bodyParser: true }),
  ];
});
