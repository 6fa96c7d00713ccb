import type { TokenRouteLogger } from "./policy";
import { scrubText, scrubValue, secretForms } from "./scrub";

type Level = "debug" | "info" | "warn" | "error";

/** The logger the route uses internally: every level present, every string scrubbed of the secret. */
export type RouteLogger = Record<Level, (message: string, fields?: Record<string, unknown>) => void>;

const consoleLogger: TokenRouteLogger = {
  warn: (message, fields) => console.warn(`[decart-kit] ${message}`, fields ?? ""),
  error: (message, fields) => console.error(`[decart-kit] ${message}`, fields ?? ""),
};

/**
 * Wraps the user's logger so the permanent key can never reach it, whatever a log line carries (an upstream
 * error message, a stack, a header dump, a cause chain, a base64 or URL-encoded copy), and so a throwing logger
 * cannot break a request.
 */
export function createRouteLogger(
  logger: TokenRouteLogger | false | undefined,
  currentSecret: () => string,
): RouteLogger {
  const target = logger === false ? {} : (logger ?? consoleLogger);
  // The key may be read late (see resolvePolicy); its encoded forms are worked out once per key, not per line.
  let formsOf: string | undefined;
  let forms = secretForms("");
  const currentForms = () => {
    const secret = currentSecret();
    if (secret !== formsOf) {
      formsOf = secret;
      forms = secretForms(secret);
    }
    return forms;
  };
  const level =
    (name: Level) =>
    (message: string, fields?: Record<string, unknown>): void => {
      const write = target[name];
      if (!write) return;
      try {
        const forms = currentForms();
        const scrubbed = fields === undefined ? undefined : (scrubValue(fields, forms) as Record<string, unknown>);
        write.call(target, scrubText(message, forms), scrubbed);
      } catch {
        // A logger failure must not turn a good answer into an error.
      }
    };
  return { debug: level("debug"), info: level("info"), warn: level("warn"), error: level("error") };
}
