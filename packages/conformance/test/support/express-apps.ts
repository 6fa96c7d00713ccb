import { createServer } from "node:http";
import { createTokenRoute } from "@decart-kit/express";
import express5 from "express";
import express4 from "express4";
import { listen } from "../../../../test-support/listen";
import { type AppFactory, NOT_FOUND, ROUTE_PATH } from "./apps";

type ExpressModule = typeof express5;

function expressFactory(
  major: number,
  express: ExpressModule,
  { mount, bodyParser }: { mount: "use" | "post"; bodyParser: boolean },
): AppFactory {
  return {
    adapter: `Express ${major}`,
    variant: `app.${mount}${bodyParser ? " after express.json()" : ""}`,
    seesEveryMethod: mount === "use",
    answersBodyParserErrors: mount === "use" || !bodyParser,
    parsesBodyBeforeRoute: bodyParser,
    resolvesClientAddress: true,
    async start(policy, options = {}) {
      const app = express();
      if (options.trustProxy || options.trustEveryProxy) app.set("trust proxy", options.trustEveryProxy ? true : 1);
      if (bodyParser) app.use(express.json());
      if (mount === "use") app.use(ROUTE_PATH, createTokenRoute(policy));
      else app.post(ROUTE_PATH, createTokenRoute(policy));
      app.use((_req, res) => {
        res.status(404).json(NOT_FOUND);
      });
      const server = await listen(createServer(app), options.host);
      return { url: `${server.origin}${ROUTE_PATH}`, close: server.close };
    },
  };
}

/** Every Express major and way of mounting the route that the README promises. */
export const expressFactories: AppFactory[] = [5, 4].flatMap((major) => {
  const express = major === 5 ? express5 : (express4 as ExpressModule);
  return [
    expressFactory(major, express, { mount: "use", bodyParser: false }),
    expressFactory(major, express, { mount: "use", bodyParser: true }),
    expressFactory(major, express, { mount: "post", bodyParser: true }),
  ];
});
