import { createTokenRoute } from "@decart-kit/koa";
import {
  DEMO_MAX_SESSION_SECONDS,
  DEMO_MODELS,
  DEMO_SESSIONS,
  type DemoUser,
  demoUser,
  pageConfig,
  type RealtimeBackend,
  SESSION_COOKIE,
  VIEWER_TOKEN_POLICY,
} from "@examples/shared/server";
import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import Koa, { type Context } from "koa";

export interface AppOptions {
  backend: RealtimeBackend;
  /** The origins this app is served from; tokens work only on pages from these. */
  origins: string[];
  /** Signs the demo session cookie. */
  sessionSecret: string;
  /** Token lifetime in seconds. @default 60 */
  tokenExpiresIn?: number;
  /** Decart ends each session after this many seconds. @default 300 */
  maxSessionDuration?: number;
}

/** Your existing app's notion of "who is this": here, a signed cookie set by `/login`. */
function currentUser(ctx: Context) {
  return demoUser(ctx.cookies.get(SESSION_COOKIE, { signed: true }));
}

/** The API half of the example: a stand-in login, the page's config, and the token route. */
export function createApp(options: AppOptions): Koa {
  const {
    backend,
    origins,
    sessionSecret,
    tokenExpiresIn = 60,
    maxSessionDuration = DEMO_MAX_SESSION_SECONDS,
  } = options;
  const app = new Koa({ keys: [sessionSecret] });
  const router = new Router();

  router.post("/login", (ctx) => {
    const user = demoUser((ctx.request.body as { name?: unknown } | undefined)?.name);
    if (!user) {
      ctx.status = 400;
      ctx.body = { error: { code: "invalid_request", message: "Type a name to sign in.", retryable: false } };
      return;
    }
    ctx.cookies.set(SESSION_COOKIE, user.name, { signed: true, httpOnly: true, sameSite: "lax", maxAge: 86_400_000 });
    ctx.body = { user };
  });

  router.post("/logout", (ctx) => {
    ctx.cookies.set(SESSION_COOKIE, null, { signed: true });
    ctx.status = 204;
  });

  router.get("/api/session", (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = pageConfig(currentUser(ctx), backend);
  });

  // The one line this example is about: short-lived tokens for signed-in users, scoped to this page's
  // origin, two models and five-minute sessions. The permanent key never leaves the server.
  router.post(
    "/api/realtime-token",
    createTokenRoute<DemoUser>({
      apiKey: backend.apiKey,
      baseUrl: backend.baseUrl,
      authorize: ({ request }) => currentUser(request),
      allowedModels: [...DEMO_MODELS],
      allowedOrigins: origins,
      expiresIn: tokenExpiresIn,
      constraints: { realtime: { maxSessionDuration } },
      metadata: ({ identity }) => ({ userId: identity?.id }),
      // Two sessions at once in all, one per user; the rest wait in line (the page shows their place).
      sessions: DEMO_SESSIONS,
    }),
  );

  // Viewers of a shared link: their own route, tightly bounded (see VIEWER_TOKEN_POLICY).
  router.post(
    "/api/viewer-token",
    createTokenRoute({
      ...VIEWER_TOKEN_POLICY,
      apiKey: backend.apiKey,
      baseUrl: backend.baseUrl,
      allowedModels: [...VIEWER_TOKEN_POLICY.allowedModels],
      allowedOrigins: origins,
    }),
  );

  app.use(bodyParser());
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
