import { createTokenRoute } from "@decart-kit/express";
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
import cookieParser from "cookie-parser";
import express, { type Express, type Request } from "express";

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
function currentUser(req: Request) {
  return demoUser(req.signedCookies?.[SESSION_COOKIE]);
}

/** The API half of the example: a stand-in login, the page's config, and the token route. */
export function createApp(options: AppOptions): Express {
  const {
    backend,
    origins,
    sessionSecret,
    tokenExpiresIn = 60,
    maxSessionDuration = DEMO_MAX_SESSION_SECONDS,
  } = options;
  const app = express();
  app.disable("x-powered-by");
  app.use(cookieParser(sessionSecret));

  app.post("/login", express.json(), (req, res) => {
    const user = demoUser(req.body?.name);
    if (!user) {
      res
        .status(400)
        .json({ error: { code: "invalid_request", message: "Type a name to sign in.", retryable: false } });
      return;
    }
    res.cookie(SESSION_COOKIE, user.name, { signed: true, httpOnly: true, sameSite: "lax", maxAge: 86_400_000 });
    res.json({ user });
  });

  app.post("/logout", (_req, res) => {
    res.clearCookie(SESSION_COOKIE).status(204).end();
  });

  app.get("/api/session", (req, res) => {
    res.set("Cache-Control", "no-store").json(pageConfig(currentUser(req), backend));
  });

  // The one line this example is about: short-lived tokens for signed-in users, scoped to this page's
  // origin, two models and five-minute sessions. The permanent key never leaves the server.
  app.use(
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
  app.use(
    "/api/viewer-token",
    createTokenRoute({
      ...VIEWER_TOKEN_POLICY,
      apiKey: backend.apiKey,
      baseUrl: backend.baseUrl,
      allowedModels: [...VIEWER_TOKEN_POLICY.allowedModels],
      allowedOrigins: origins,
    }),
  );

  return app;
}
