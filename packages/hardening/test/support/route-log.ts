import { randomBytes } from "node:crypto";
import type { TokenRouteLogger } from "@decart-kit/core";

/** A random permanent key per run: finding it in any answer or log line can only mean a leak. */
export const PERMANENT_KEY = `sk_test_${randomBytes(16).toString("hex")}`;

/** A route logger that keeps every line as text, the way a log shipper would see it. */
export function recordingLogger(): { logger: Required<TokenRouteLogger>; lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {}, errorFields)}`);
  };
  return { lines, logger: { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") } };
}

// JSON.stringify drops an Error's message and stack; a leak would hide there.
function errorFields(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}
