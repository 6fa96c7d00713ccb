const REDACTED = "[redacted]";
/** What stands in for a value nested deeper than the scrubber looks. */
export const DEPTH_LIMIT_MARKER = "[beyond depth limit]";
const MAX_DEPTH = 8;

const toUrlSafe = (base64: string) => base64.replaceAll("+", "-").replaceAll("/", "_");

/**
 * The parts of base64(secret) that do not depend on what surrounds it: for each of the 3 byte offsets the secret
 * can start at inside a larger blob, the characters made only of the secret's bytes. A found part leaves at most
 * two bytes of the secret on each side.
 */
function base64Cores(secret: string): string[] {
  // TextEncoder and btoa rather than Buffer: the route also runs on Workers and edge runtimes.
  const bytes = new TextEncoder().encode(secret);
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const shifted = new Uint8Array(offset + bytes.length);
    shifted.set(bytes, offset);
    const encoded = btoa(String.fromCharCode(...shifted));
    // A character holds 6 bits: keep those that lie wholly within the secret's bytes.
    const core = encoded.slice(Math.ceil((offset * 4) / 3), Math.floor(((offset + bytes.length) * 4) / 3));
    if (core.length >= 8) cores.push(core, toUrlSafe(core));
  }
  return [...new Set(cores)];
}

/** Every written form of one secret the scrubber looks for, computed once per route. */
export interface SecretForms {
  plain: string;
  encoded: string[];
}

export function secretForms(secret: string): SecretForms {
  const encoded = secret ? [encodeURIComponent(secret), ...base64Cores(secret)].filter((form) => form !== secret) : [];
  return { plain: secret, encoded: [...new Set(encoded)] };
}

// Percent-escapes hide a secret from a plain search (`sk%5Ftest…`, or every byte escaped): decode, then look.
function percentDecoded(text: string): string | undefined {
  if (!text.includes("%")) return undefined;
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return undefined;
  }
}

/** `text` with every plain, URL-encoded and base64 (standard or URL-safe) copy of the secret replaced. */
export function scrubText(text: string, forms: SecretForms): string {
  if (!forms.plain) return text;
  let result = text.includes(forms.plain) ? text.replaceAll(forms.plain, REDACTED) : text;
  for (const form of forms.encoded) if (result.includes(form)) result = result.replaceAll(form, REDACTED);
  const decoded = percentDecoded(result);
  if (decoded?.includes(forms.plain)) result = decoded.replaceAll(forms.plain, REDACTED);
  return result;
}

function scrubError(error: Error, forms: SecretForms, depth: number): Record<string, unknown> {
  // Own fields too: HTTP clients hang the request (headers included) on their errors.
  const own = scrubValue({ ...error }, forms, depth) as Record<string, unknown>;
  const cause = error.cause === undefined ? {} : { cause: scrubValue(error.cause, forms, depth + 1) };
  return {
    ...own,
    name: error.name,
    message: scrubText(error.message, forms),
    stack: scrubText(error.stack ?? "", forms),
    ...cause,
  };
}

/**
 * Deep copy of `value` with every copy of the secret replaced; errors become plain objects (cause chain kept), and
 * whatever lies deeper than the scrubber looks is replaced by a marker rather than passed on unread.
 */
export function scrubValue(value: unknown, forms: SecretForms, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value, forms);
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_DEPTH) return DEPTH_LIMIT_MARKER;
  if (value instanceof Error) return scrubError(value, forms, depth);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, forms, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, forms, depth + 1)]));
}
