import { describe, expect, it } from "vitest";
import type { AppFactory } from "../support/apps";
import type { Suite, TestApp } from "../support/harness";
import { addLoopbackAddresses, inLoopbackOnlyNamespace } from "../support/loopback-addresses";

// Six addresses of one /64 (one home connection), and one in another /56 of the same /48.
const ONE_PREFIX = ["fd00:1::10", "fd00:1::11", "fd00:1::12", "fd00:1::13", "fd00:1::14", "fd00:1::15"];
const OTHER_SLASH_56 = "fd00:1:0:100::10";

async function statusesFrom(app: TestApp, sources: readonly string[]): Promise<number[]> {
  const answers = [];
  for (const source of sources) answers.push((await app.postFrom(source)).status);
  return answers;
}

const isolated = inLoopbackOnlyNamespace();

export function clientAddressBehaviours(factory: AppFactory, t: Suite): void {
  describe("client addresses: IPv6 prefixes, IPv4-mapped addresses, proxies", () => {
    // Needs a namespace of its own to add addresses to lo: `npm test` runs vitest in one (scripts/test-all.mjs), or
    // run `unshare -n sh -c 'ip link set lo up; exec pnpm exec vitest run --project conformance'`.
    it.skipIf(!isolated)("counts one IPv6 /56 as one client by default, whichever address of it sends", async () => {
      addLoopbackAddresses([...ONE_PREFIX, OTHER_SLASH_56]);
      const app = await t.app({ rateLimit: { points: 3 } }, { host: "::1" });
      expect(await statusesFrom(app, ONE_PREFIX)).toEqual([200, 200, 200, 429, 429, 429]);
      expect(await statusesFrom(app, [OTHER_SLASH_56])).toEqual([200]);
      const perAddress = await t.app({ rateLimit: { points: 1, ipv6Subnet: 128 } }, { host: "::1" });
      expect(await statusesFrom(perAddress, ONE_PREFIX.slice(0, 3))).toEqual([200, 200, 200]);
    });

    it.skipIf(!isolated)("keys an identity without an id by the same /56", async () => {
      addLoopbackAddresses(ONE_PREFIX);
      const app = await t.app({ authorize: () => ({ plan: "free" }), rateLimit: { points: 2 } }, { host: "::1" });
      expect(await statusesFrom(app, ONE_PREFIX.slice(0, 3))).toEqual([200, 200, 429]);
    });

    it("counts an IPv4-mapped caller (::ffff:a.b.c.d) as its IPv4 address, not as one shared IPv6 bucket", async () => {
      const seen: unknown[] = [];
      const app = await t.app(
        { rateLimit: { points: 1 }, onTokenIssued: (event: { ip: unknown }) => void seen.push(event.ip) },
        { host: "::ffff:127.0.0.1" },
      );
      expect(await statusesFrom(app, ["127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.0.3"])).toEqual([
        200, 429, 200, 200,
      ]);
      // The framework really saw mapped addresses: the case under test, not plain IPv4.
      expect(seen[0]).toBe("::ffff:127.0.0.1");
    });

    it.skipIf(!factory.resolvesClientAddress)(
      "warns once when the framework believes every X-Forwarded-For hop (spoofable buckets)",
      async () => {
        const app = await t.app({}, { trustEveryProxy: true });
        await app.post({}, { "x-forwarded-for": "203.0.113.1" });
        await app.post({}, { "x-forwarded-for": "203.0.113.2" });
        const warnings = t.logs.filter((line) => line.includes("ERR_DECART_PERMISSIVE_TRUST_PROXY"));
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/^warn /);
      },
    );

    it.skipIf(!factory.resolvesClientAddress)(
      "warns once about an X-Forwarded-For the framework does not trust, and not when it trusts one proxy",
      async () => {
        const untrusting = await t.app();
        await untrusting.post({}, { "x-forwarded-for": "203.0.113.1" });
        await untrusting.post({}, { "x-forwarded-for": "203.0.113.2" });
        const code = "ERR_DECART_UNEXPECTED_X_FORWARDED_FOR";
        expect(t.logs.filter((line) => line.includes(code))).toHaveLength(1);
        t.logs.length = 0;
        const trusting = await t.app({}, { trustProxy: true });
        await trusting.post({}, { "x-forwarded-for": "203.0.113.1" });
        expect(t.logs.filter((line) => line.includes("ERR_DECART_"))).toEqual([]);
      },
    );
  });
}
