import { act } from "@testing-library/react";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { liveTracks } from "../src/testing/fake-media";
import type { RealtimeToken, TokenFetcher } from "../src/types";
import { backend, camera } from "./support/env";
import { MODEL, renderRealtime, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();
let realToken: RealtimeToken;

beforeAll(async () => {
  // A real token from the real route; the scheduler decides when the hook gets to see it.
  realToken = await (await fetch(server().url, { method: "POST" })).json();
});

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("races (6), property-based", () => {
  it("any interleaving of token answer, getUserMedia, connect, unmount and a prop change leaves nothing behind", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.boolean(),
        fc.constantFrom("model", "prompt", "none"),
        async (s, strict, change) => {
          runs++;
          backend.reset();
          camera.reset();
          backend.checkToken = (apiKey) => (apiKey === realToken.apiKey ? null : "401 unknown token");
          camera.gate = () => s.schedule(Promise.resolve(), "getUserMedia answers");
          backend.handshake = () => s.schedule(Promise.resolve(), "connect resolves");
          let live = 0;
          let maxLive = 0;
          let maxOpen = 0;
          const token: TokenFetcher = ({ signal }) => {
            maxLive = Math.max(maxLive, ++live);
            let done = false;
            const finish = () => {
              if (!done) live--;
              done = true;
            };
            signal.addEventListener("abort", finish);
            return s.schedule(Promise.resolve(realToken), "token response").finally(finish);
          };

          const view = renderRealtime({ token, model: MODEL, prompt: "first" }, { strict });
          let frozen: { renders: number; changes: number; errors: number } | null = null;
          s.schedule(Promise.resolve(), "prop change").then(() => {
            if (frozen || change === "none") return;
            act(() => view.rerender({ token, model: change === "model" ? "lucy-2.5" : MODEL, prompt: "second" }));
          });
          s.schedule(Promise.resolve(), "unmount").then(() => {
            act(() => view.unmount());
            frozen = { renders: view.renders.length, changes: view.statusChanges.length, errors: view.errors.length };
          });

          for (let step = 0; step < 50; step++) {
            await act(macrotask);
            maxOpen = Math.max(maxOpen, backend.openSessions.length);
            if (s.count() === 0) break;
            await act(() => s.waitOne());
          }
          await act(macrotask);

          expect(frozen, s.report().join("\n")).not.toBeNull();
          expect(liveTracks()).toHaveLength(0);
          expect(backend.openSessions).toHaveLength(0);
          expect(view.renders).toHaveLength(frozen!.renders);
          expect(view.statusChanges).toHaveLength(frozen!.changes);
          expect(view.errors).toHaveLength(frozen!.errors);
          expect(maxLive).toBeLessThanOrEqual(1);
          expect(maxOpen).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 220 },
    );
    expect(runs).toBeGreaterThanOrEqual(200);
  });
});
