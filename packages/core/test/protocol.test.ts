import { describe, expect, it } from "vitest";
import { isErrorResponseBody, isTokenResponseBody, PERMANENT_ERROR_CODES, SERVER_ERROR_STATUS } from "../src/protocol";

describe("protocol", () => {
  it("recognises the two answer shapes and nothing else", () => {
    expect(isTokenResponseBody({ apiKey: "ek_abc", expiresAt: "2026-01-01T00:00:00Z" })).toBe(true);
    expect(isTokenResponseBody({ apiKey: "sk_abc", expiresAt: "2026-01-01T00:00:00Z" })).toBe(false);
    expect(isErrorResponseBody({ error: { code: "rate_limited", message: "slow down", retryable: true } })).toBe(true);
    expect(isErrorResponseBody({ error: "rate_limited" })).toBe(false);
    expect(isErrorResponseBody(null)).toBe(false);
  });

  it("treats rate limits and upstream trouble as retryable", () => {
    expect(PERMANENT_ERROR_CODES.has("rate_limited")).toBe(false);
    expect(PERMANENT_ERROR_CODES.has("upstream_timeout")).toBe(false);
    expect(PERMANENT_ERROR_CODES.has("model_not_allowed")).toBe(true);
    expect(SERVER_ERROR_STATUS.origin_not_allowed).toBe(403);
  });
});
