import { z } from "zod";

/** Decart's documented limits for `POST /v1/client/tokens`. */
export const TOKEN_LIMITS = {
  minExpiresIn: 1,
  maxExpiresIn: 3600,
  defaultExpiresIn: 60,
  maxAllowedModels: 20,
  maxAllowedOrigins: 20,
  minMaxSessionDuration: 10,
} as const;

/**
 * A full origin is exactly what a browser sends in `Origin`: scheme, host and an optional port, nothing else.
 * Decart compares the header verbatim, so anything the browser would never send (a path, a trailing slash, upper
 * case, a default port) could never match and is refused up front.
 */
function isFullOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value;
  } catch {
    return false;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const { minExpiresIn, maxExpiresIn, maxAllowedModels, maxAllowedOrigins, minMaxSessionDuration } = TOKEN_LIMITS;
const expiresInRange = `an integer number of seconds from ${minExpiresIn} to ${maxExpiresIn}`;

const tokenRequestSchema = z.strictObject({
  expiresIn: z
    .number({ error: `must be ${expiresInRange}` })
    .int({ error: `must be ${expiresInRange}` })
    .min(minExpiresIn, { error: `must be ${expiresInRange}` })
    .max(maxExpiresIn, { error: `must be ${expiresInRange}` })
    .optional(),
  allowedModels: z
    .array(z.string({ error: "must be a model name (string)" }).min(1, { error: "must not be empty" }), {
      error: "must be an array of model names",
    })
    .max(maxAllowedModels, { error: `must list at most ${maxAllowedModels} models` })
    .optional(),
  allowedOrigins: z
    .array(
      z
        .string({ error: "must be an origin string" })
        .refine(isFullOrigin, { error: "must be a full origin (scheme + host [+ port]), e.g. https://example.com" }),
      { error: "must be an array of origins" },
    )
    .max(maxAllowedOrigins, { error: `must list at most ${maxAllowedOrigins} origins` })
    .optional(),
  constraints: z
    .strictObject(
      {
        realtime: z
          .strictObject(
            {
              maxSessionDuration: z
                .number({ error: `must be an integer of at least ${minMaxSessionDuration} seconds` })
                .int({ error: `must be an integer of at least ${minMaxSessionDuration} seconds` })
                .min(minMaxSessionDuration, { error: `must be at least ${minMaxSessionDuration} seconds` })
                .optional(),
            },
            { error: "must be an object" },
          )
          .optional(),
      },
      { error: "must be an object" },
    )
    .optional(),
  metadata: z.custom<Record<string, unknown>>(isPlainObject, { error: "must be a JSON object" }).optional(),
});

/** The validated body of a token request, as Decart understands it. */
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

export type TokenValidation = { ok: true; request: TokenRequest } | { ok: false; detail: string };

/** Validates a parsed token request body; the failure `detail` names the field, says what is expected and what came. */
export function validateTokenRequest(body: unknown): TokenValidation {
  if (!isPlainObject(body)) return { ok: false, detail: `request body must be a JSON object, got ${describe(body)}` };
  const result = tokenRequestSchema.safeParse(body);
  if (result.success) return { ok: true, request: result.data };
  const issue = result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const where = issue.path.length > 0 ? ` in ${issue.path.join(".")}` : "";
    return { ok: false, detail: `unknown field${where}: ${issue.keys.join(", ")}` };
  }
  const field = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
  return {
    ok: false,
    detail: `${field.replace(/^\./, "")} ${issue.message}, got ${describe(valueAt(body, issue.path))}`,
  };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

/** A short, safe rendering of what the client sent, for error details. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  }
  return "an object";
}
