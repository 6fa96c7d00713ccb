import { describe, expect, it } from "vitest";
import { createFetchHandler, mintToken, resolvePolicy, type TokenPolicy } from "../src/index";

// These lines are checked by `pnpm --filter @decart-kit/core run typecheck`: an unused @ts-expect-error fails it.
describe("allowedModels types", () => {
  it("accepts known and custom names and rejects a misspelled known one at compile time", () => {
    const known = createFetchHandler({
      apiKey: "sk_x",
      getIp: () => "127.0.0.1",
      allowedModels: ["lucy-2.1", "lucy-restyle-2"],
    });
    const custom = createFetchHandler({
      apiKey: "sk_x",
      getIp: () => "127.0.0.1",
      allowedModels: ["my-fine-tune", "lucy-2.5"],
    });
    // @ts-expect-error "lucy-2.l" is not a model @decartai/sdk 0.1.20 knows (a typo of "lucy-2.1")
    const typo = createFetchHandler({ apiKey: "sk_x", getIp: () => "127.0.0.1", allowedModels: ["lucy-2.l"] });
    // @ts-expect-error the snake_case names of older docs are not known either
    resolvePolicy({ apiKey: "sk_x", allowedModels: ["lucy_2_rt"] });
    // A newer Decart model than the list: widen it on purpose.
    const newer = createFetchHandler({ apiKey: "sk_x", getIp: () => "127.0.0.1", allowedModels: ["lucy-3" as string] });
    // A function's list and a policy typed ahead of time are accepted as they are.
    const policy: TokenPolicy = { apiKey: "sk_x", allowedModels: () => ["lucy-2.1"] };
    expect([known, custom, typo, newer, policy, mintToken].every(Boolean)).toBe(true);
  });
});
