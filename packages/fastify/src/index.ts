import {
  bodyParserErrorResponse,
  handleTokenRequest,
  type RequestBodySource,
  resolvePolicy,
  type TokenPolicy,
  TokenPolicyError,
  type TokenResponse,
  type TokenRouteLogger,
  withRequestLogger,
} from "@decart-kit/core";
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export type { TokenIssuedEvent, TokenPolicy, TokenRequestContext, TokenRouteLogger } from "@decart-kit/core";
export { TokenPolicyError, TokenRouteError } from "@decart-kit/core";

/** The options of the Fastify plugin: the policy (functions receive the `FastifyRequest` as `ctx.req`) plus its path. */
export interface FastifyTokenRouteOptions<Identity = unknown> extends TokenPolicy<Identity, FastifyRequest> {
  /**
   * The route's path, under the `prefix` of `register()` when there is one.
   * @default "/" (with `{ prefix: "/api/realtime-token" }`, the prefix itself)
   * @example "/api/realtime-token"
   */
  path?: string;
  /**
   * Where the route logs refusals, upstream trouble and issued tokens (scrubbed of the key); `false` for silence.
   * @default request.log (Fastify's own logger, with its level and request id)
   */
  logger?: TokenRouteLogger | false;
}

// Every method comes to the route, so anything but POST (and a preflight) gets the wire's 405, not Fastify's 404.
const METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

// Fastify's logger is pino's: fields first, then the message.
const pinoStyle = (log: FastifyBaseLogger): TokenRouteLogger => ({
  debug: (message, fields) => log.debug(fields ?? {}, message),
  info: (message, fields) => log.info(fields ?? {}, message),
  warn: (message, fields) => log.warn(fields ?? {}, message),
  error: (message, fields) => log.error(fields ?? {}, message),
});

function send(reply: FastifyReply, answer: TokenResponse): void {
  reply
    .code(answer.status)
    .headers(answer.headers)
    .send(answer.body === "" ? undefined : answer.body);
}

/**
 * A Fastify 4/5 plugin that mints short-lived Decart client tokens under a policy validated at registration (a bad
 * policy rejects `register()` with a `TokenPolicyError` naming the option). Encapsulated on purpose: `prefix` applies,
 * and its error handler (Fastify's body-parser refusals as the wire's JSON errors) is the route's alone.
 * @example app.register(decartTokenRoute, { prefix: "/api/realtime-token", authorize: ({ req }) => req.user });
 */
export async function decartTokenRoute<Identity = unknown>(
  fastify: FastifyInstance,
  options: FastifyTokenRouteOptions<Identity>,
): Promise<void> {
  // prefix, logLevel and logSerializers belong to register() itself, which hands them to the plugin as well.
  const { path = "/", prefix, logLevel, logSerializers, ...policy } = options as Record<string, unknown>;
  if (!(typeof path === "string" && path.startsWith("/"))) {
    const received = typeof path === "string" ? JSON.stringify(path) : String(path);
    throw new TokenPolicyError([{ option: "path", expected: 'a path starting with "/"', received }]);
  }
  const resolved = resolvePolicy(policy);
  const policyFor = (request: FastifyRequest) =>
    policy.logger === undefined ? withRequestLogger(resolved, pinoStyle(request.log)) : resolved;
  const answer = (request: FastifyRequest, reply: FastifyReply, body: RequestBodySource) => {
    const tokenRequest = { method: request.method, headers: request.headers, ip: request.ip, body, req: request };
    void handleTokenRequest(tokenRequest, policyFor(request)).then((response) => send(reply, response));
  };

  fastify.route({
    method: METHODS,
    url: path,
    exposeHeadRoute: false,
    bodyLimit: resolved.maxBodyBytes,
    handler: (request, reply) => answer(request, reply, { kind: "parsed", value: request.body }),
    errorHandler(error: FastifyError, request, reply) {
      // Fastify refuses an empty application/json body; to the route (and every other adapter) it means `{}`.
      if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY") return answer(request, reply, { kind: "parsed", value: {} });
      const refusal = bodyParserErrorResponse(error, request.headers, policyFor(request));
      if (!refusal) throw error; // not a body the route refused: the app's own error handler answers
      send(reply, refusal);
    },
  });
}

// What fastify-plugin would record, without its skip-override: Fastify checks the version range and knows the name.
Object.assign(decartTokenRoute, {
  [Symbol.for("plugin-meta")]: { name: "@decart-kit/fastify", fastify: "4.x || 5.x" },
});
