import { createRouteLogger } from "./logger";
import type { ResolvedPolicy } from "./resolve-policy";

type Level = "debug" | "info" | "warn" | "error";

/** A pino-style logger: the fields first, then the message (pino itself, Fastify's `request.log`). */
export type PinoStyleLogger = Record<Level, (fields: Record<string, unknown>, message: string) => void>;

/**
 * The policy with the logger of one request (a framework's request-scoped pino logger, e.g. Fastify's `request.log`),
 * every line scrubbed of the permanent key as with the policy's own logger. Everything else is the same policy.
 */
export function withRequestLogger(policy: ResolvedPolicy, log: PinoStyleLogger): ResolvedPolicy {
  // pino drops fields passed after the message, so they go first.
  const at = (level: Level) => (message: string, fields?: Record<string, unknown>) => log[level](fields ?? {}, message);
  const logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { ...policy, logger: createRouteLogger(logger, policy.secret) };
}
