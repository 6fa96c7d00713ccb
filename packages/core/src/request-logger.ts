import { createRouteLogger } from "./logger";
import type { TokenRouteLogger } from "./policy";
import type { ResolvedPolicy } from "./resolve-policy";

/**
 * The policy with a logger of one request (a framework's request-scoped logger, e.g. Fastify's `request.log`), every
 * line scrubbed of the permanent key as the policy's own logger is. Everything else is the same resolved policy.
 */
export function withRequestLogger(policy: ResolvedPolicy, logger: TokenRouteLogger): ResolvedPolicy {
  return { ...policy, logger: createRouteLogger(logger, policy.apiKey) };
}
