import { afterEach, describe, expect, it, vi } from "vitest";
import { resolvePolicy, type TokenPolicy, TokenPolicyError } from "../src/index";

const KEY = "sk_live_policy_test_secret_0123456789";

// Takes `object`: these tests pass deliberately wrong types, as a JavaScript caller could.
function policyError(policy: object): TokenPolicyError {
  try {
    resolvePolicy(policy as TokenPolicy);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenPolicyError);
    return error as TokenPolicyError;
  }
  throw new Error("expected resolvePolicy to throw");
}

describe("policy validation", () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    [{ expiresIn: 5000 }, "expiresIn", "an integer number of seconds from 1 to 3600", "5000"],
    [{ expiresIn: "60" }, "expiresIn", "an integer number of seconds from 1 to 3600", '"60"'],
    [
      { allowedOrigins: ["https://a.example", "https://b.example/app"] },
      "allowedOrigins[1]",
      "a full origin",
      '"https://b.example/app"',
    ],
    [
      { allowedOrigins: "https://a.example" },
      "allowedOrigins",
      "an array of at most 20 full origins",
      '"https://a.example"',
    ],
    [{ allowedModels: Array(21).fill("m") }, "allowedModels", "at most 20 model names", "an array of 21"],
    [{ constraints: { realtime: { maxSessionDuration: 5 } } }, "constraints.realtime.maxSessionDuration", "≥ 10", "5"],
    [{ constraints: { maxSessionDuration: 60 } }, "constraints.maxSessionDuration", "a known option", "a number"],
    [{ metadata: [1] }, "metadata", "a plain object", "an array of 1"],
    [{ timeoutMs: 10 }, "timeoutMs", "from 100 to 60000", "10"],
    [{ retries: -1 }, "retries", "from 0 to 5", "-1"],
    [{ rateLimit: { points: 0 } }, "rateLimit.points", "from 1 to 1000000", "0"],
    [{ rateLimit: { limiter: {} } }, "rateLimit.limiter", "a rate-limiter-flexible limiter", "an object with keys []"],
    [{ logger: "console" }, "logger", "debug/info/warn/error", '"console"'],
    [{ authorize: true }, "authorize", "a function", "true"],
    [{ baseUrl: "api.decart.ai" }, "baseUrl", "an http(s) URL", '"api.decart.ai"'],
    [{ expiresin: 60 }, "expiresin", "a known option", "a number"],
    [{ sessions: { maxPerIdentity: 1, maxTotal: 0 } }, "sessions.maxTotal", "an integer from 1", "0"],
    [
      { sessions: { maxPerIdentity: 1, maxTotal: 2, queue: { size: 5 } } },
      "sessions.queue.size",
      "a known option",
      "a number",
    ],
    [
      { sessions: { maxPerIdentity: 1, maxTotal: 2, store: {} } },
      "sessions.store",
      "a SessionStore",
      "an object with keys []",
    ],
    [
      { sessions: { maxPerIdentity: 1, maxTotal: 2 }, constraints: { realtime: {} } },
      "constraints.realtime.maxSessionDuration",
      "when sessions is set",
      "undefined",
    ],
  ])("names the option, what was expected and what came: %j", (policy, option, expected, received) => {
    const error = policyError({ apiKey: KEY, ...policy });
    expect(error.option).toBe(option);
    expect(error.code).toBe("invalid_policy");
    expect(error.issues[0]?.expected).toContain(expected);
    expect(error.issues[0]?.received).toBe(received);
    expect(error.message).toContain(`${option}: expected`);
    expect(error.message).toContain(`got ${received}`);
  });

  it("lists every problem at once", () => {
    const error = policyError({ apiKey: KEY, expiresIn: 0, retries: 9 });
    expect(error.issues.map((issue) => issue.option)).toEqual(["expiresIn", "retries"]);
  });

  it("creates a route without any key (read at the first request), and reads DECART_API_KEY then", () => {
    vi.stubEnv("DECART_API_KEY", "");
    const withoutKey = resolvePolicy({});
    vi.stubEnv("DECART_API_KEY", KEY);
    expect(withoutKey.apiKey()).toBe(KEY);
    const wrongType = policyError({ apiKey: 42 as unknown as string });
    expect(wrongType.message).toContain("apiKey: expected a Decart API key (a non-empty string), got a number");
  });

  it("refuses a client token as the permanent key, without echoing it", () => {
    const error = policyError({ apiKey: "ek_client_token_value" });
    expect(error.option).toBe("apiKey");
    expect(error.message).toContain("an ek_ client token cannot mint tokens");
    expect(error.message).not.toContain("ek_client_token_value");
  });

  it("requires authorize in production unless allowAnonymous is explicit", () => {
    vi.stubEnv("NODE_ENV", "production");
    expect(policyError({ apiKey: KEY }).option).toBe("authorize");
    expect(() => resolvePolicy({ apiKey: KEY, allowAnonymous: true })).not.toThrow();
    expect(() => resolvePolicy({ apiKey: KEY, authorize: () => "someone" })).not.toThrow();
  });

  it("refuses points next to a limiter that carries its own", () => {
    const limiter = { consume: async () => ({}) };
    expect(policyError({ apiKey: KEY, rateLimit: { limiter, points: 5 } }).option).toBe("rateLimit.points");
  });

  it("applies the documented defaults", () => {
    const resolved = resolvePolicy({ apiKey: KEY, baseUrl: "http://127.0.0.1:4000/" });
    expect(resolved).toMatchObject({
      baseUrl: "http://127.0.0.1:4000",
      timeoutMs: 5000,
      retries: 2,
      maxBodyBytes: 16384,
    });
    expect(resolved.options.expiresIn).toEqual({ fixed: true, value: 60 });
    expect(resolved.rateLimit).toBeDefined();
    expect(resolvePolicy({ apiKey: KEY, rateLimit: false }).rateLimit).toBeUndefined();
    expect(resolvePolicy({ apiKey: "k" }).baseUrl).toBe("https://api.decart.ai");
  });

  it("accepts a function wherever a token option may depend on the request", () => {
    const resolved = resolvePolicy({
      apiKey: KEY,
      expiresIn: () => 30,
      allowedModels: async () => ["mirage_v2"],
      allowedOrigins: () => undefined,
      constraints: () => ({}),
      metadata: () => ({ a: 1 }),
    });
    expect(Object.values(resolved.options).every((option) => !option.fixed)).toBe(true);
  });
});
