import { z } from "zod";
import { TokenRouteError } from "./errors";
import type { IncomingHeaders } from "./policy";
import type { TokenRequestBody } from "./protocol";
import { type BodyStream, readBodyWithLimit } from "./read-body";

/** The request body as the framework has it: still a stream, already parsed by a body parser, or raw bytes. */
export type RequestBodySource =
  | { kind: "stream"; stream: BodyStream | null | undefined }
  | { kind: "parsed"; value: unknown }
  | { kind: "raw"; bytes: Uint8Array | string };

const MODEL_NAME = /^[A-Za-z0-9][\w.-]{0,127}$/;
// Tickets and lease ids are ours (`ticket_…`, `lease_…`, base64url); anything else cannot be one.
const SESSION_ID = /^[\w-]{1,128}$/;

const clientBodySchema = z.strictObject({
  model: z.string().regex(MODEL_NAME).optional(),
  expiresIn: z.number().int().min(1).optional(),
  ticket: z.string().regex(SESSION_ID).optional(),
  release: z.string().regex(SESSION_ID).optional(),
});

const FIELD_EXPECTATIONS: Record<string, string> = {
  model: "must be a model name (letters, digits, '.', '_', '-'; at most 128 characters)",
  expiresIn: "must be a positive integer number of seconds",
  ticket: "must be the ticket of an earlier 202 answer or the id of a lease you hold",
  release: "must be the id of a lease from an earlier answer",
};

export function headerValue(headers: IncomingHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}

const tooLarge = (limit: number) => new TokenRouteError("payload_too_large", `The body exceeds ${limit} bytes`);
const invalid = (message: string) => new TokenRouteError("invalid_request", message);

/**
 * 413/415 decisions that need only the headers, so an oversized or foreign body is never read. A JSON
 * `Content-Type` is required even without a body: no form or `text/plain` request (which a browser sends
 * cross-origin without a preflight) reaches the route.
 */
export function checkBodyHeaders(headers: IncomingHeaders, limit: number): void {
  if (Number(headerValue(headers, "content-length") ?? 0) > limit) throw tooLarge(limit);
  if (!isJsonMediaType(headerValue(headers, "content-type"))) {
    throw new TokenRouteError(
      "unsupported_media_type",
      "Send Content-Type: application/json (also with an empty body)",
    );
  }
}

async function bodyText(
  source: RequestBodySource,
  limit: number,
  timeoutMs: number,
): Promise<string | { parsed: unknown }> {
  if (source.kind === "parsed") return { parsed: source.value };
  let bytes: Uint8Array;
  if (source.kind === "raw") {
    bytes = typeof source.bytes === "string" ? new TextEncoder().encode(source.bytes) : source.bytes;
  } else {
    // A client that closes mid-body is a bad request, not a server failure (it would be logged as a 500).
    const read = await readBodyWithLimit(source.stream, limit, timeoutMs).catch(() => {
      throw invalid("The request ended before its body");
    });
    if (!read.ok && read.timedOut) {
      throw new TokenRouteError("request_timeout", `The body did not arrive within ${timeoutMs} ms`);
    }
    if (!read.ok) throw tooLarge(limit);
    bytes = read.bytes;
  }
  if (bytes.byteLength > limit) throw tooLarge(limit);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalid("The body is not valid UTF-8");
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalid("The body is not valid JSON");
  }
}

/** A client-facing message naming the field; client values are never echoed. */
function describeBodyIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((key) => `"${key}"`).join(", ");
    return `Unknown field ${keys}: the body may only carry "model", "expiresIn", "ticket" and "release"`;
  }
  const field = String(issue.path[0] ?? "");
  const expectation = FIELD_EXPECTATIONS[field];
  return expectation ? `"${field}" ${expectation}` : "The body must be a JSON object";
}

// A parser before the route may hand over a value nested too deeply to serialize (found by fuzzing: 40,000 nested
// arrays under express.json's 100 kB limit overflowed the stack, answering 500); no such value fits the limit.
function serializedLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Reads, parses and validates the client body `{ model?, expiresIn?, ticket?, release? }`; `{}` when there is none. A body still
 * arriving after `timeoutMs` is a 408 `request_timeout`.
 */
export async function readClientBody(
  source: RequestBodySource,
  limit: number,
  timeoutMs: number,
): Promise<TokenRequestBody> {
  const text = await bodyText(source, limit, timeoutMs);
  const value = typeof text === "string" ? parseJson(text) : (text.parsed ?? {});
  if (typeof text !== "string" && serializedLength(value) > limit) throw tooLarge(limit);
  const parsed = clientBodySchema.safeParse(value);
  if (!parsed.success) throw invalid(describeBodyIssue(parsed.error.issues[0] as z.core.$ZodIssue));
  return parsed.data;
}
