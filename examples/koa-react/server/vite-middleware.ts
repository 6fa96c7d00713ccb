import type { Middleware } from "koa";
import type { ViteDevServer } from "vite";

/**
 * Runs Vite's Connect-style middlewares inside Koa. Koa must not answer a request Vite has answered, so the
 * response is handed over (`ctx.respond = false`) and taken back only when Vite passes it on with `next()`.
 */
export function viteMiddleware(vite: ViteDevServer): Middleware {
  return async function vite_dev_server(ctx, next) {
    ctx.respond = false;
    const passedOn = await new Promise<boolean>((resolve, reject) => {
      ctx.res.once("close", () => resolve(false));
      ctx.res.once("finish", () => resolve(false));
      vite.middlewares(ctx.req, ctx.res, (error?: unknown) => (error ? reject(error) : resolve(true)));
    });
    if (passedOn) {
      ctx.respond = true;
      await next();
    }
  };
}
