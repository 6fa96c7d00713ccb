import { decartTokenRoute, type FastifyTokenRouteOptions } from "@decart-kit/fastify";
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
import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";

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
function currentUser(request: FastifyRequest) {
  const cookie = request.cookies[SESSION_COOKIE];
  const unsigned = cookie === undefined ? undefined : request.unsignCookie(cookie);
  return unsigned?.valid ? demoUser(unsigned.value) : undefined;
}

/** The API half of the example, as a Fastify plugin: a stand-in login, the page's config, and the token route. */
export async function api(app: FastifyInstance, options: AppOptions): Promise<void> {
  const { backend, origins, tokenExpiresIn = 60, maxSessionDuration = DEMO_MAX_SESSION_SECONDS } = options;
  await app.register(fastifyCookie, { secret: options.sessionSecret });

  app.post<{ Body: { name?: unknown } | undefined }>("/login", async (request, reply) => {
    const user = demoUser(request.body?.name);
    if (!user) {
      const error = { code: "invalid_request", message: "Type a name to sign in.", retryable: false };
      return reply.code(400).send({ error });
    }
    reply.setCookie(SESSION_COOKIE, user.name, {
      signed: true,
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: 86_400,
    });
    return { user };
  });

  app.post("/logout", async (_request, reply) => reply.clearCookie(SESSION_COOKIE, { path: "/" }).code(204).send());

  app.get("/api/session", async (request, reply) => {
    reply.header("Cache-Control", "no-store");
    return pageConfig(currentUser(request), backend);
  });

  // The one registration this example is about: short-lived tokens for signed-in users, scoped to this page's
  // origin, two models and five-minute sessions. The permanent key never leaves the server.
  const policy: FastifyTokenRouteOptions<DemoUser> = {
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
  };
  await app.register(decartTokenRoute, { prefix: "/api/realtime-token", ...policy });

  // Viewers of a shared link (and reference-image uploads): their own route, tightly bounded (VIEWER_TOKEN_POLICY).
  await app.register(decartTokenRoute, {
    prefix: "/api/viewer-token",
    ...VIEWER_TOKEN_POLICY,
    apiKey: backend.apiKey,
    baseUrl: backend.baseUrl,
    allowedModels: [...VIEWER_TOKEN_POLICY.allowedModels],
    allowedOrigins: origins,
  });
}
