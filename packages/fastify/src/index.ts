import type { RequestBodySource, TokenPolicy, TokenResponse, TokenRouteLogger } from "@decart-kit/core";
import {
  bodyParserErrorResponse,
  checkRoutePath,
  handleTokenRequest,
  resolvePolicy,
  withRequestLogger,
} from "@decart-kit/core";
import type { FastifyInstance, FastifyReply, FastifyRequest, RegisterOptions } from "fastify";

export type { TokenIssuedEvent, TokenPolicy, TokenRequestContext, TokenRouteLogger } from "@decart-kit/core";
export { TokenPolicyError, TokenRouteError } from "@decart-kit/core";

/** The options of the Fastify plugin: the policy (functions receive the `FastifyRequest` as `ctx.request`) plus its path. */
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

// register() takes its options' type from the plugin, so none of its own can be inferred: policy functions see the
// identity as `any` (declare the options as FastifyTokenRouteOptions<User> to have it checked).
// biome-ignore lint/suspicious/noExplicitAny: see above
type PluginOptions = FastifyTokenRouteOptions<any> & RegisterOptions;

function send(reply: FastifyReply, { status, headers, body }: TokenResponse): void {
  reply.code(status).headers(headers);
  reply.send(body || undefined); // "" (a preflight) is no body
}

/**
 * A Fastify 4/5 plugin that mints short-lived Decart client tokens under a policy validated at registration (a bad
 * policy rejects `register()` with a `TokenPolicyError` naming the option). Encapsulated on purpose: `prefix` applies,
 * and its error handler (Fastify's body-parser refusals as the wire's JSON errors) is the route's alone.
 * @example app.register(decartTokenRoute, { prefix: "/api/realtime-token", authorize: ({ request }) => request.user });
 */
export async function decartTokenRoute(fastify: FastifyInstance, options: PluginOptions): Promise<void> {
  // prefix, logLevel and logSerializers belong to register() itself, which hands them to the plugin as well.
  const { path = "/", prefix, logLevel, logSerializers, ...policy } = options;
  checkRoutePath(path);
  const resolved = resolvePolicy(policy);
  const policyFor = (request: FastifyRequest) =>
    policy.logger === undefined ? withRequestLogger(resolved, request.log) : resolved;
  const answer = (request: FastifyRequest, reply: FastifyReply, body: RequestBodySource) => {
    const { method, headers, ip, protocol } = request;
    // Fastify keeps its trustProxy setting to itself: an address other than the socket's means some proxy is trusted.
    const proxyTrust = ip === request.socket.remoteAddress ? "none" : "bounded";
    const tokenRequest = { method, headers, ip, protocol, proxyTrust, body, request } as const;
    void handleTokenRequest(tokenRequest, policyFor(request)).then((response) => send(reply, response));
  };

  fastify.route({
    // Every method, so anything but POST (or a preflight) gets the wire's 405 rather than Fastify's 404.
    method: ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
    url: path,
    exposeHeadRoute: false,
    bodyLimit: resolved.maxBodyBytes,
    handler: (request, reply) => answer(request, reply, { kind: "parsed", value: request.body }),
    errorHandler(error, request, reply) {
      // Fastify refuses an empty application/json body; to the route (and every other adapter) it means `{}`.
      if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY") return answer(request, reply, { kind: "parsed", value: {} });
      const refusal = bodyParserErrorResponse(error, request.headers, policyFor(request));
      if (!refusal) throw error; // not a body the route refused: the app's own error handler answers
      send(reply, refusal);
    },
  });
}

// What fastify-plugin would record, without its skip-override: Fastify checks the version range and knows the name.
Object.assign(decartTokenRoute, { [Symbol.for("plugin-meta")]: { name: "@decart-kit/fastify", fastify: ">=4" } });
