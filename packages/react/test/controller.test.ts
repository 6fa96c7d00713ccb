import { describe, expect, it } from "vitest";
import { backoffDelay, reconnectPolicy } from "../src/reconnect-policy";
import { SessionController } from "../src/session-controller";
import { liveTracks } from "../src/testing/fake-media";
import type { RealtimeStatus } from "../src/types";
import { backend } from "./support/env";
import { MODEL, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();

describe("SessionController without React", () => {
  it("is a plain external store: subscribe, getSnapshot, connect, disconnect", async () => {
    const statuses: RealtimeStatus[] = [];
    const controller = new SessionController({ token: server().url, model: MODEL, enabled: false });
    const unsubscribe = controller.subscribe(() => statuses.push(controller.getSnapshot().status));
    expect(controller.getSnapshot().status).toBe("idle");
    await controller.connect();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(controller.getSnapshot().status).toBe("connected");
    // Notified on every visible change (the token's expiry, the camera stream, ...), not only status changes.
    const distinct = statuses.filter((status, i) => status !== statuses[i - 1]);
    expect(distinct).toEqual(["requesting-media", "fetching-token", "connecting", "connected"]);
    controller.disconnect();
    expect(controller.getSnapshot().status).toBe("idle");
    expect(backend.openSessions).toHaveLength(0);
    expect(liveTracks()).toHaveLength(0);
    unsubscribe();
  });
});

describe("reconnect policy", () => {
  const policy = reconnectPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });

  it("doubles per attempt, capped, with jitter in the upper half of each step", () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const step = Math.min(1000, 100 * 2 ** (attempt - 1));
      expect(backoffDelay(attempt, policy, () => 0)).toBe(step / 2);
      expect(backoffDelay(attempt, policy, () => 0.999999)).toBeCloseTo(step, -1);
      const random = backoffDelay(attempt, policy);
      expect(random).toBeGreaterThanOrEqual(step / 2);
      expect(random).toBeLessThanOrEqual(step);
    }
  });

  it("defaults to 5 attempts from 500 ms up to 8 s; false means none", () => {
    expect(reconnectPolicy(undefined)).toEqual({ attempts: 5, baseDelayMs: 500, maxDelayMs: 8000 });
    expect(reconnectPolicy(false).attempts).toBe(0);
  });
});
