import type { TokenRouteLogger } from "./policy";

type Level = "debug" | "info" | "warn" | "error";

/** The logger the route uses internally: every level present, every string scrubbed of the secret. */
export type RouteLogger = Record<Level, (message: string, fields?: Record<string, unknown>) => void>;

const REDACTED = "[redacted]";

const consoleLogger: TokenRouteLogger = {
  warn: (message, fields) => console.warn(`[decart-kit] ${message}`, fields ?? ""),
  error: (message, fields) => console.error(`[decart-kit] ${message}`, fields ?? ""),
};

/** Deep copy of `value` with every occurrence of `secret` replaced; errors become plain objects. */
function scrub(value: unknown, secret: string, depth = 0): unknown {
  if (typeof value === "string") return secret && value.includes(secret) ? value.replaceAll(secret, REDACTED) : value;
  if (depth > 6 || typeof value !== "object" || value === null) return value;
  if (value instanceof Error) {
    const cause = value.cause === undefined ? {} : { cause: scrub(value.cause, secret, depth + 1) };
    return { name: value.name, message: scrub(value.message, secret), stack: scrub(value.stack, secret), ...cause };
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, secret, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, secret, depth + 1)]));
}

/**
 * Wraps the user's logger so the permanent key can never reach it, whatever a log line carries (an upstream
 * error message, a stack, a header dump), and so a throwing logger cannot break a request.
 */
export function createRouteLogger(
  logger: TokenRouteLogger | false | undefined,
  currentSecret: () => string,
): RouteLogger {
  const target = logger === false ? {} : (logger ?? consoleLogger);
  const level =
    (name: Level) =>
    (message: string, fields?: Record<string, unknown>): void => {
      const write = target[name];
      if (!write) return;
      try {
        const secret = currentSecret();
        const scrubbed = fields === undefined ? undefined : (scrub(fields, secret) as Record<string, unknown>);
        write.call(target, scrub(message, secret) as string, scrubbed);
      } catch {
        // A logger failure must not turn a good answer into an error.
      }
    };
  return { debug: level("debug"), info: level("info"), warn: level("warn"), error: level("error") };
}
