import { afterEach, describe, expect, it } from "vitest";
import { SessionController } from "../src/session-controller";
import { liveTracks } from "../src/testing/fake-media";
import { backend } from "./support/env";
import { MODEL, startTokenRouteForFile } from "./support/harness";

const server = startTokenRouteForFile();
const CYCLES = 1_000;

/**
 * Timers the package's own code armed and that have neither fired nor been cleared. Node's setTimeout is wrapped for
 * the test; a timer counts when the call came from packages/react/src (its stack says so).
 */
function trackSourceTimers() {
  const pending = new Map<unknown, string>();
  const created = { count: 0 };
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const wrappedSet = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const stack = new Error().stack ?? "";
    const id: unknown = realSet(() => {
      pending.delete(id);
      callback(...args);
    }, ms);
    if (stack.includes("/packages/react/src/")) {
      created.count++;
      pending.set(id, stack);
    }
    return id;
  };
  globalThis.setTimeout = wrappedSet as typeof setTimeout;
  globalThis.clearTimeout = ((id: Parameters<typeof clearTimeout>[0]) => {
    pending.delete(id);
    realClear(id);
  }) as typeof clearTimeout;
  return {
    pending,
    created,
    restore() {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}

/** Listeners registered with the SDK client's `on` and not removed with `off`, over every client ever created. */
function registeredListeners(): number {
  let count = 0;
  for (const session of backend.sessions) {
    const listeners = (session.client as unknown as { listeners?: Map<string, Set<unknown>> } | null)?.listeners;
    for (const set of listeners?.values() ?? []) count += set.size;
  }
  return count;
}

function statusReached(controller: SessionController, status: string): Promise<void> {
  return new Promise((resolve) => {
    if (controller.getSnapshot().status === status) return resolve();
    const unsubscribe = controller.subscribe(() => {
      if (controller.getSnapshot().status !== status) return;
      unsubscribe();
      resolve();
    });
  });
}

let timers: ReturnType<typeof trackSourceTimers> | undefined;
afterEach(() => timers?.restore());

describe("connect/disconnect cycles", () => {
  it(`${CYCLES} cycles leave 0 SDK listeners, 0 timers, 0 live camera tracks and 0 open sessions`, async () => {
    timers = trackSourceTimers();
    const controller = new SessionController({ token: server().url, model: MODEL, enabled: false });
    const notifications = { count: 0 };
    const unsubscribe = controller.subscribe(() => notifications.count++);
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const connecting = controller.connect();
      // Every fourth cycle disconnects mid-start (camera or token still pending); the others once connected, and
      // every tenth after the session dropped, while the controller waits out its reconnect backoff (a timer).
      if (cycle % 4 !== 0) await statusReached(controller, "connected");
      if (cycle % 10 === 5) {
        backend.drop(backend.openSessions[0] as (typeof backend.sessions)[number]);
        await statusReached(controller, "reconnecting");
      }
      controller.disconnect();
      await connecting;
    }
    // Let anything the last cycles scheduled run out.
    await new Promise((resolve) => setTimeout(resolve, 50));
    unsubscribe();

    const connected = backend.sessions.filter((session) => session.client !== null).length;
    console.log(
      `${CYCLES} cycles: ${backend.sessions.length} SDK sessions (${connected} connected), ${notifications.count} notifications, ` +
        `${registeredListeners()} listeners left, ${timers.created.count} timers armed from the package's call stacks, ` +
        `${timers.pending.size} still pending, ${liveTracks().length} live tracks`,
    );
    expect(connected).toBeGreaterThanOrEqual((CYCLES * 3) / 4);
    expect(backend.openSessions).toHaveLength(0);
    expect(liveTracks()).toHaveLength(0);
    expect(timers.created.count).toBeGreaterThan(0);
    expect([...timers.pending.values()]).toEqual([]);
    expect(registeredListeners()).toBe(0);
    expect(controller.getSnapshot().status).toBe("idle");
  });
});
