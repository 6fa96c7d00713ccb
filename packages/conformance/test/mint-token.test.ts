import { randomBytes } from "node:crypto";
import { MemoryRateLimitStore, mintToken, type RateLimitStore, type TokenPolicy } from "@decart-kit/core";
import { type Emulator, startEmulator } from "@decart-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PERMANENT_KEY = `sk_test_${randomBytes(12).toString("hex")}`;

// mintToken is what a server action or server function calls: the same checks and answers as the HTTP route.
describe("mintToken(policy, context)", () => {
  let emulator: Emulator;
  let policy: TokenPolicy<{ id: string; plan: string }>;
  const logs: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ apiKeys: [PERMANENT_KEY] });
    policy = {
      apiKey: PERMANENT_KEY,
      baseUrl: emulator.url,
      authorize: () => null,
      allowedModels: ["lucy-2.1", "lucy-restyle-2"],
      allowedOrigins: ["https://app.example"],
      metadata: ({ identity }) => ({ plan: identity?.plan }),
      rateLimit: { points: 2, duration: 60 },
      logger: { info: (message, fields) => logs.push(`${message} ${JSON.stringify(fields)}`) },
    };
  });
  afterAll(() => emulator?.close());

  it("mints for the identity the caller passes (authorize is not called), narrowed by the client's body", async () => {
    const answer = await mintToken(policy, {
      identity: { id: "ada", plan: "pro" },
      ip: "203.0.113.9",
      origin: "https://app.example",
      body: { model: "lucy-2.1", expiresIn: 20 },
    });
    expect(answer).toMatchObject({ apiKey: expect.stringMatching(/^ek_/), model: "lucy-2.1" });
    expect(emulator.issued.at(-1)?.options).toMatchObject({
      expiresIn: 20,
      allowedModels: ["lucy-2.1"],
      allowedOrigins: ["https://app.example"],
      metadata: { plan: "pro" },
    });
  });

  it("answers refusals as the route's error bodies, never throwing", async () => {
    expect(await mintToken(policy, { identity: null })).toMatchObject({
      error: { code: "unauthorized", retryable: false },
    });
    const foreign = await mintToken(policy, { identity: { id: "ada", plan: "pro" }, origin: "https://evil.example" });
    expect(foreign).toMatchObject({ error: { code: "origin_not_allowed" } });
    const model = await mintToken(policy, { identity: { id: "ada", plan: "pro" }, body: { model: "lucy-2.5" } });
    expect(model).toMatchObject({ error: { code: "model_not_allowed" } });
    // Without `identity`, the policy's own authorize decides (here: nobody).
    expect(await mintToken(policy, { ip: "203.0.113.9" })).toMatchObject({ error: { code: "unauthorized" } });
    expect(logs.some((line) => line.startsWith("token refused") && line.includes('"identity":"ada"'))).toBe(true);
  });

  it("keeps one rate-limit budget per policy object across calls", async () => {
    const caller = { identity: { id: "grace", plan: "free" } };
    expect(await mintToken(policy, caller)).toHaveProperty("apiKey");
    expect(await mintToken(policy, caller)).toHaveProperty("apiKey");
    const third = await mintToken(policy, caller);
    expect(third).toMatchObject({ error: { code: "rate_limited", retryable: true } });
    expect(JSON.stringify(third)).not.toContain(PERMANENT_KEY);
  });

  it("counts in a shared RateLimitStore: two instances (policies) spend one budget", async () => {
    const memory = new MemoryRateLimitStore();
    const hits: string[] = [];
    // What a Durable Object or Redis store would be: one counter every instance sees.
    const store: RateLimitStore = {
      hit(key, windowMs) {
        hits.push(key);
        return memory.hit(key, windowMs);
      },
    };
    const instance = () => ({
      apiKey: PERMANENT_KEY,
      baseUrl: emulator.url,
      rateLimit: { points: 3, duration: 60, store },
    });
    const [first, second] = [instance(), instance()];
    const caller = { identity: "linus" };
    const answers = [];
    for (const policy of [first, second, first, second]) answers.push(await mintToken(policy, caller));
    expect(answers.map((answer) => ("error" in answer ? answer.error.code : "issued"))).toEqual([
      "issued",
      "issued",
      "issued",
      "rate_limited",
    ]);
    expect(hits).toEqual(Array(4).fill("identity:linus"));
  });

  it("throws a TokenPolicyError for a bad policy, as route creation does", async () => {
    await expect(mintToken({ expiresIn: 0 }, {})).rejects.toThrow(/expiresIn/);
  });
});
