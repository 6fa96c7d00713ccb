import { type Emulator, startEmulator } from "@decart-kit/emulator";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hardeningAdapters } from "./support/adapters";
import { type PolicyBounds, wideningsOf } from "./support/policy-bounds";
import { PERMANENT_KEY } from "./support/route-log";

const MODELS = ["mirage", "mirage_v2", "lucy_v2v_720p_rt", "lucy_2_rt"];
const ORIGINS = ["https://a.example", "https://b.example", "http://localhost:5173"];
const RUNS = 40;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [PERMANENT_KEY] });
});
afterAll(() => emulator.close());

const someOf = (pool: string[]) => fc.subarray(pool, { minLength: 1 });

const policies = fc.record(
  {
    expiresIn: fc.integer({ min: 1, max: 3600 }),
    allowedModels: someOf(MODELS),
    allowedOrigins: someOf(ORIGINS),
    metadata: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
    maxSessionDuration: fc.integer({ min: 10, max: 600 }),
    // The same value given directly, or by a function of the request (which a client must not steer either).
    asFunctions: fc.boolean(),
  },
  { requiredKeys: ["expiresIn", "asFunctions"] },
);

// Everything a client could try: any model, any TTL, the policy's own fields in the body, any origin. Half the bodies
// carry only the two fields the protocol has, so many requests are valid and the property is about real tokens.
const protocolBody = fc.record(
  { model: fc.constantFrom(...MODELS), expiresIn: fc.integer({ min: 1, max: 100_000 }) },
  { requiredKeys: [] },
);
const adversarialBody = fc.record(
  {
    model: fc.oneof(fc.constantFrom(...MODELS), fc.string()),
    expiresIn: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double()),
    metadata: fc.dictionary(fc.string(), fc.string()),
    allowedModels: someOf(MODELS),
    allowedOrigins: someOf(ORIGINS),
    constraints: fc.constant({ realtime: { maxSessionDuration: 86_400 } }),
  },
  { requiredKeys: [] },
);
const clientRequests = fc.record({
  body: fc.oneof(protocolBody, adversarialBody),
  origin: fc.option(fc.oneof(fc.constantFrom(...ORIGINS), fc.webUrl()), { nil: undefined }),
});

function policyFor(bounds: PolicyBounds & { asFunctions: boolean }) {
  const wrap = <T>(value: T | undefined) => (bounds.asFunctions && value !== undefined ? () => value : value);
  return {
    expiresIn: wrap(bounds.expiresIn),
    allowedModels: wrap(bounds.allowedModels),
    allowedOrigins: wrap(bounds.allowedOrigins),
    metadata: wrap(bounds.metadata),
    constraints: wrap(
      bounds.maxSessionDuration === undefined
        ? undefined
        : { realtime: { maxSessionDuration: bounds.maxSessionDuration } },
    ),
  };
}

describe.each(hardeningAdapters.map((factory) => [factory.adapter, factory] as const))("%s", (_name, factory) => {
  it(`no client input widens the policy (${RUNS} random policies × 8 requests)`, async () => {
    let minted = 0;
    await fc.assert(
      fc.asyncProperty(policies, fc.array(clientRequests, { minLength: 8, maxLength: 8 }), async (bounds, requests) => {
        const app = await factory.start({
          apiKey: PERMANENT_KEY,
          baseUrl: emulator.url,
          logger: false,
          rateLimit: false,
          allowAnonymous: true,
          ...policyFor(bounds),
        });
        try {
          const issued = emulator.issued.length;
          const answers = await Promise.all(
            requests.map(({ body, origin }) =>
              fetch(app.url, {
                method: "POST",
                headers: { "content-type": "application/json", ...(origin ? { origin } : {}) },
                body: JSON.stringify(body),
              }).then(async (res) => ({ status: res.status, json: await res.json(), body })),
            ),
          );
          for (const token of emulator.issued.slice(issued)) expect(wideningsOf(token, bounds)).toEqual([]);
          // A requested model narrows the token to exactly that model.
          for (const answer of answers.filter((candidate) => candidate.status === 200 && candidate.body.model)) {
            const token = emulator.issued.find((candidate) => candidate.apiKey === answer.json.apiKey);
            expect(token?.options.allowedModels).toEqual([answer.body.model]);
          }
          minted += emulator.issued.length - issued;
        } finally {
          await app.close();
        }
      }),
      { numRuns: RUNS },
    );
    // The property means little if nothing was ever minted. Most generated requests are refused on purpose (foreign
    // origins, models outside the policy), so a run mints about one to two tokens per policy: ask for a floor far
    // below that, which only a route that stopped minting altogether would miss.
    expect(minted).toBeGreaterThan(RUNS / 4);
  });
});
