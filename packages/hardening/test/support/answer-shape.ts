import { SERVER_ERROR_STATUS } from "@decart-kit/core/protocol";

/** Why an answer breaks the wire protocol, or undefined when it is a valid token or error answer. */
export function protocolViolation(
  status: number,
  headers: Record<string, string>,
  text: string,
  method: string,
): string | undefined {
  if (headers["cache-control"] !== "no-store") return `Cache-Control is ${headers["cache-control"]}`;
  // HEAD answers carry no body, and a preflight is an empty 204.
  if (method === "HEAD" || status === 204) return text === "" ? undefined : "a body on an empty answer";
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "the body is not JSON";
  }
  if (!headers["content-type"]?.startsWith("application/json")) return `Content-Type ${headers["content-type"]}`;
  if (status === 200) {
    const token = body as { apiKey?: unknown; expiresAt?: unknown };
    if (typeof token.apiKey !== "string" || !token.apiKey.startsWith("ek_")) return "200 without an ek_ token";
    return typeof token.expiresAt === "string" ? undefined : "200 without expiresAt";
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; retryable?: unknown } }).error;
  if (!error || typeof error.message !== "string" || typeof error.retryable !== "boolean") return "not an error body";
  const expected = SERVER_ERROR_STATUS[error.code as keyof typeof SERVER_ERROR_STATUS];
  return expected === status ? undefined : `code ${String(error.code)} answered with ${status}`;
}
