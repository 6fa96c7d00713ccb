import { act, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MODEL, renderRealtime, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();
const CYCLES = 20;

// The figure `pnpm bench` prints: React renders of a component using the hook per connect → connected → disconnect.
describe("renders per connect cycle", () => {
  it(`counts renders over ${CYCLES} connect/disconnect cycles`, async () => {
    const { result, renders, statusChanges } = renderRealtime({
      token: server().url,
      model: MODEL,
      enabled: false,
    });
    const perCycle: number[] = [];
    const statusesPerCycle: number[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const [rendersBefore, statusesBefore] = [renders.length, statusChanges.length];
      await act(() => result.current.connect());
      await waitFor(() => expect(result.current.status).toBe("connected"));
      act(() => result.current.disconnect());
      expect(result.current.status).toBe("idle");
      perCycle.push(renders.length - rendersBefore);
      statusesPerCycle.push(statusChanges.length - statusesBefore);
    }
    const average = perCycle.reduce((sum, count) => sum + count, 0) / CYCLES;
    console.log(
      `renders per connect cycle: ${average.toFixed(1)} (min ${Math.min(...perCycle)}, max ${Math.max(...perCycle)}) ` +
        `for ${statusesPerCycle[0]} status changes (idle → requesting-media → fetching-token → connecting → connected → idle)`,
    );
    // One render per visible change: the status steps, plus at most two for values landing between them (the token's
    // expiry, and the remote stream, shown as soon as the SDK delivers it, before `connect()` resolves).
    expect(Math.max(...perCycle)).toBeLessThanOrEqual(Math.max(...statusesPerCycle) + 2);
  });
});
