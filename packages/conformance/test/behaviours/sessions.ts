import type { SessionAdmissionOptions, SessionStore } from "@decart-kit/core";
import { describe, expect, it } from "vitest";
import type { AppFactory } from "../support/apps";
import type { Suite, TestApp } from "../support/harness";

const asUser = (user: string) => ({ "x-user": user });
const byUserHeader = (ctx: { headers: Record<string, unknown> }) => ctx.headers["x-user"] as string | undefined;

/** A route with session admission, callers named by `x-user`, tokens bounding their sessions to 60 s. */
function sessionApp(t: Suite, sessions: SessionAdmissionOptions<string>, extra: object = {}): Promise<TestApp> {
  return t.app({
    authorize: byUserHeader,
    constraints: { realtime: { maxSessionDuration: 60 } },
    sessions,
    ...extra,
  });
}

export function sessionBehaviours(_factory: AppFactory, t: Suite): void {
  describe("session admission", () => {
    it("refuses a policy with sessions but no maxSessionDuration at creation", async () => {
      await expect(t.app({ sessions: { maxPerIdentity: 1, maxTotal: 2 } })).rejects.toThrow(
        /constraints\.realtime\.maxSessionDuration/,
      );
    });

    it("answers a token with a lease bounded by token expiry + maxSessionDuration + 30 s", async () => {
      const app = await sessionApp(t, { maxPerIdentity: 1, maxTotal: 2 }, { expiresIn: 60 });
      const res = await app.post({}, asUser("ann"));
      expect(res.status).toBe(200);
      expect(res.json.lease.id).toMatch(/^lease_[\w-]+$/);
      const leaseEnds = Date.parse(res.json.lease.expiresAt);
      expect(leaseEnds - Date.now()).toBeGreaterThan(140_000);
      expect(leaseEnds - Date.now()).toBeLessThanOrEqual(150_000 + 1_000);
    });

    it("refuses a caller at its own cap with 429 session_limit and Retry-After, without calling Decart", async () => {
      const app = await sessionApp(t, { maxPerIdentity: 1, maxTotal: 5, retryAfterSeconds: 3 });
      expect((await app.post({}, asUser("ann"))).status).toBe(200);
      const before = t.emulator.tokenRequests;
      const refused = await app.post({}, asUser("ann"));
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatchObject({ code: "session_limit", retryable: true, retryAfter: 3 });
      expect(refused.headers.get("retry-after")).toBe("3");
      expect(t.emulator.tokenRequests).toBe(before);
      expect((await app.post({}, asUser("bob"))).status).toBe(200);
    });

    it("without a queue, answers 503 capacity with Retry-After once every slot is taken", async () => {
      const app = await sessionApp(t, { maxPerIdentity: 1, maxTotal: 1 });
      expect((await app.post({}, asUser("ann"))).status).toBe(200);
      const refused = await app.post({}, asUser("bob"));
      expect(refused.status).toBe(503);
      expect(refused.json.error).toMatchObject({ code: "capacity", retryable: true, retryAfter: 2 });
      expect(refused.headers.get("retry-after")).toBe("2");
    });

    it("queues first in, first out, and admits a ticket holder once a slot is released", async () => {
      const app = await sessionApp(t, { maxPerIdentity: 1, maxTotal: 1, queue: true });
      const ann = await app.post({}, asUser("ann"));
      const bob = await app.post({}, asUser("bob"));
      const cat = await app.post({}, asUser("cat"));
      expect(bob.status).toBe(202);
      expect(bob.json).toMatchObject({ queued: { position: 1, size: 1 }, retryAfter: 2 });
      expect(bob.headers.get("retry-after")).toBe("2");
      expect(cat.json.queued).toMatchObject({ position: 2, size: 2 });
      // A newcomer never jumps the line, and a ticket holder behind the head keeps waiting.
      expect((await app.post({ ticket: cat.json.queued.ticket }, asUser("cat"))).json.queued.position).toBe(2);
      const released = await app.post({ release: ann.json.lease.id }, asUser("ann"));
      expect(released.status).toBe(200);
      expect(released.json).toEqual({ released: true });
      expect((await app.post({ ticket: cat.json.queued.ticket }, asUser("cat"))).status).toBe(202);
      const admitted = await app.post({ ticket: bob.json.queued.ticket }, asUser("bob"));
      expect(admitted.status).toBe(200);
      expect(admitted.json.apiKey).toMatch(/^ek_/);
      expect(admitted.json.lease.id).toMatch(/^lease_/);
    });

    it("mints a fresh token on the slot a caller holds when asked with its lease id (a reconnect)", async () => {
      const app = await sessionApp(t, { maxPerIdentity: 1, maxTotal: 1, queue: true });
      const first = await app.post({}, asUser("ann"));
      const waiting = await app.post({}, asUser("bob"));
      const again = await app.post({ ticket: first.json.lease.id }, asUser("ann"));
      expect(again.status).toBe(200);
      expect(again.json.apiKey).not.toBe(first.json.apiKey);
      expect(again.json.lease.id).toBe(first.json.lease.id);
      // Someone else's lease id is no way in: bob keeps his place, and a stranger joins the line behind him.
      expect((await app.post({ ticket: first.json.lease.id }, asUser("cat"))).json.queued.position).toBe(2);
      expect((await app.post({ ticket: waiting.json.queued.ticket }, asUser("bob"))).json.queued.position).toBe(1);
    });

    it("answers 503 capacity when the line is full", async () => {
      const app = await sessionApp(t, { maxPerIdentity: 1, maxTotal: 1, queue: { maxSize: 1 } });
      await app.post({}, asUser("ann"));
      expect((await app.post({}, asUser("bob"))).status).toBe(202);
      const full = await app.post({}, asUser("cat"));
      expect(full.status).toBe(503);
      expect(full.json.error.code).toBe("capacity");
    });

    it("releases idempotently, and only for the lease's owner", async () => {
      const app = await sessionApp(t, { maxPerIdentity: 1, maxTotal: 1 });
      const ann = await app.post({}, asUser("ann"));
      const foreign = await app.post({ release: ann.json.lease.id }, asUser("bob"));
      expect(foreign.json).toEqual({ released: true });
      expect((await app.post({}, asUser("bob"))).json.error.code).toBe("capacity");
      for (let i = 0; i < 2; i++)
        expect((await app.post({ release: ann.json.lease.id }, asUser("ann"))).status).toBe(200);
      expect((await app.post({}, asUser("bob"))).status).toBe(200);
      const unauthorized = await app.post({ release: ann.json.lease.id });
      expect(unauthorized.status).toBe(401);
    });

    it("gives a new slot back when no token comes of it (Decart refuses), but keeps a renewed one", async () => {
      const app = await sessionApp(t, { maxPerIdentity: 1, maxTotal: 1 }, { retries: 0 });
      t.emulator.fault({ type: "status", status: 400, times: 1 });
      expect((await app.post({}, asUser("ann"))).status).toBe(502);
      const held = await app.post({}, asUser("ann"));
      expect(held.status).toBe(200);
      t.emulator.fault({ type: "status", status: 400, times: 1 });
      expect((await app.post({ ticket: held.json.lease.id }, asUser("ann"))).status).toBe(502);
      expect((await app.post({}, asUser("bob"))).json.error.code).toBe("capacity");
    });

    it("fails closed with 503 capacity and Retry-After when the store fails, and mints nothing", async () => {
      const broken: SessionStore = {
        acquire: () => Promise.reject(new Error("store down")),
        release: () => Promise.reject(new Error("store down")),
      };
      const app = await sessionApp(t, { maxPerIdentity: 1, maxTotal: 1, store: broken });
      const before = t.emulator.tokenRequests;
      const refused = await app.post({}, asUser("ann"));
      expect(refused.status).toBe(503);
      expect(refused.json.error).toMatchObject({ code: "capacity", retryAfter: 5 });
      expect(refused.headers.get("retry-after")).toBe("5");
      expect(t.emulator.tokenRequests).toBe(before);
      expect((await app.post({ release: "lease_x" }, asUser("ann"))).status).toBe(503);
    });

    it("refuses a release on a route without sessions, and a malformed ticket", async () => {
      const plain = await t.app();
      expect((await plain.post({ release: "lease_x" })).json.error.code).toBe("invalid_request");
      const app = await sessionApp(t, { maxPerIdentity: 1, maxTotal: 1 });
      const bad = await app.post({ ticket: "not a ticket!" }, asUser("ann"));
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toContain('"ticket"');
    });
  });
}
