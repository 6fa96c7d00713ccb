import { createServer } from "node:http";
import { createTokenRoute } from "@decart-kit/koa";
import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import Koa3 from "koa";
import legacyBodyParser from "koa-bodyparser";
import Koa2 from "koa2";
import { listen } from "../../../../test-support/listen";
import { type AppFactory, NOT_FOUND, ROUTE_PATH } from "./apps";

type Mount = "app.use" | "app.use after koa-bodyparser" | "@koa/router post after @koa/bodyparser";

function koaFactory(major: number, Koa: typeof Koa3, mount: Mount): AppFactory {
  return {
    adapter: `Koa ${major}`,
    variant: mount,
    seesEveryMethod: mount !== "@koa/router post after @koa/bodyparser",
    answersBodyParserErrors: mount === "app.use",
    parsesBodyBeforeRoute: mount !== "app.use",
    resolvesClientAddress: true,
    async start(policy, options = {}) {
      const proxy = options.trustProxy === true || options.trustEveryProxy === true;
      const app = new Koa({ proxy, ...(options.trustEveryProxy ? {} : { maxIpsCount: 1 }) });
      if (mount === "@koa/router post after @koa/bodyparser") {
        const router = new Router();
        router.post(ROUTE_PATH, createTokenRoute(policy));
        app.use(bodyParser()).use(router.routes()).use(router.allowedMethods());
      } else {
        if (mount === "app.use after koa-bodyparser") app.use(legacyBodyParser());
        app.use(createTokenRoute({ path: ROUTE_PATH, ...policy }));
      }
      app.use((ctx) => {
        ctx.status = 404;
        ctx.body = NOT_FOUND;
      });
      const server = await listen(createServer(app.callback()), options.host);
      return { url: `${server.origin}${ROUTE_PATH}`, close: server.close };
    },
  };
}

const MOUNTS: Mount[] = ["app.use", "app.use after koa-bodyparser", "@koa/router post after @koa/bodyparser"];

/** Both Koa majors, each with every way of mounting the route that the README promises. */
export const koaFactories: AppFactory[] = [
  ...MOUNTS.map((mount) => koaFactory(3, Koa3, mount)),
  ...MOUNTS.map((mount) => koaFactory(2, Koa2 as typeof Koa3, mount)),
];
