import { describe, expect, it } from "vitest";
import { type DecartRealtimeOptions, useDecartRealtime } from "../src/index";
import { DecartRealtimeProvider } from "../src/provider";

// Compile-time checks, enforced by `pnpm --filter @decart-kit/react run typecheck` (an unused @ts-expect-error
// fails it). Nothing here is called: the functions only have to type-check.
function useTypeChecks(configured: string) {
  useDecartRealtime({ model: "lucy-2.1" });
  useDecartRealtime({ model: "lucy-2.5" });
  // @ts-expect-error a misspelled known realtime model name
  useDecartRealtime({ model: "lucy-2.l" });
  // @ts-expect-error a Decart video model is not a realtime one
  useDecartRealtime({ model: "lucy-pro-v2v" });
  // A custom name, a name from configuration and a newer Decart model widened to string all pass.
  useDecartRealtime({ model: "my-studio-model" });
  useDecartRealtime({ model: configured });
  useDecartRealtime({ model: "lucy-3" as string });
  const options: DecartRealtimeOptions = { model: configured };
  useDecartRealtime(options);
  // @ts-expect-error the provider checks the name the same way
  DecartRealtimeProvider({ model: "lucy-21" });
  return DecartRealtimeProvider({ model: "lucy-2.1" });
}

describe("model typing", () => {
  it("is checked by the typecheck (this file's @ts-expect-error lines)", () => {
    expect(typeof useTypeChecks).toBe("function");
  });
});
