import { describe, expect, it } from "vitest";
import { clientAddressKey, clientIp, createFetchHandler, TokenPolicyError } from "../src/index";

const KEY = "sk_live_client_address_test_0123456789";

describe("clientAddressKey: one bucket per client", () => {
  it.each([
    ["2001:db8:abcd:1200::1", "2001:db8:abcd:1200:0:0:0:0/56"],
    ["2001:db8:abcd:12ff:ffff::9", "2001:db8:abcd:1200:0:0:0:0/56"],
    ["2001:DB8:ABCD:1300::1", "2001:db8:abcd:1300:0:0:0:0/56"],
    ["::ffff:198.51.100.7", "198.51.100.7"],
    ["::ffff:c633:6407", "198.51.100.7"],
    ["198.51.100.7", "198.51.100.7"],
    ["fe80::1%eth0", "fe80:0:0:0:0:0:0:0/56"],
    ["not-an-ip", "not-an-ip"],
    [undefined, "unknown"],
  ])("%s → %s", (address, key) => {
    expect(clientAddressKey(address)).toBe(key);
  });

  it("takes another prefix length", () => {
    expect(clientAddressKey("2001:db8:abcd:12ff::1", 64)).toBe("2001:db8:abcd:12ff:0:0:0:0/64");
    expect(clientAddressKey("2001:db8::1", 128)).toBe("2001:db8:0:0:0:0:0:1/128");
  });
});

describe("clientIp presets for the Fetch handler", () => {
  const request = (headers: Record<string, string>) => new Request("https://app.example.com/t", { headers });

  it("reads the header only the named platform sets", () => {
    expect(clientIp.vercel(request({ "x-real-ip": "198.51.100.7", "x-forwarded-for": "6.6.6.6" }))).toBe(
      "198.51.100.7",
    );
    expect(clientIp.cloudflare(request({ "cf-connecting-ip": "2001:db8::7", "x-forwarded-for": "6.6.6.6" }))).toBe(
      "2001:db8::7",
    );
    expect(clientIp.vercel(request({}))).toBeUndefined();
  });

  it("takes the Nth address from the right of X-Forwarded-For, never one the client wrote", () => {
    const spoofed = request({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" });
    expect(clientIp.rightmost(1)(spoofed)).toBe("10.0.0.2");
    expect(clientIp.rightmost(2)(spoofed)).toBe("198.51.100.7");
    expect(clientIp.rightmost(4)(spoofed)).toBeUndefined();
    expect(() => clientIp.rightmost(0)).toThrow(TokenPolicyError);
  });

  it("refuses an anonymous Fetch handler that has no client address at creation", () => {
    expect(() => createFetchHandler({ apiKey: KEY })).toThrow(/getIp: expected where the client address comes from/);
    expect(() => createFetchHandler({ apiKey: KEY, getIp: clientIp.cloudflare })).not.toThrow();
    expect(() => createFetchHandler({ apiKey: KEY, authorize: () => "ann" })).not.toThrow();
  });

  it("warns loudly, once, when requests without an identity arrive with no client address", async () => {
    const logs: string[] = [];
    const handler = createFetchHandler({
      apiKey: KEY,
      baseUrl: "http://127.0.0.1:9",
      timeoutMs: 100,
      retries: 0,
      getIp: () => undefined,
      logger: { error: (message, fields) => logs.push(`${message} ${JSON.stringify(fields)}`) },
    });
    const post = () =>
      handler(new Request("http://app.test/t", { method: "POST", headers: { "content-type": "application/json" } }));
    await post();
    await post();
    const warnings = logs.filter((line) => line.includes("ERR_DECART_NO_CLIENT_ADDRESS"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("share ONE rate-limit bucket");
  });
});
