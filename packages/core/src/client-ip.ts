import { TokenPolicyError } from "./policy-error";

/**
 * Reads the client address from a Fetch `Request` (or anything with its headers, such as Next's `headers()` in a
 * server action), the way one platform delivers it.
 */
export type ClientIpSource = (request: { headers: { get(name: string): string | null } }) => string | undefined;

function firstAddress(value: string | null): string | undefined {
  const address = value?.split(",")[0]?.trim();
  return address ? address : undefined;
}

/**
 * `getIp` presets for the Fetch handler. Each reads a header that only the named platform sets, and that it
 * overwrites whatever the client sent; use the one where the handler really runs. A header your platform does not
 * set is the client's to choose, and so would be its rate-limit bucket.
 */
export const clientIp = {
  /** Vercel: `X-Real-IP`, which Vercel's edge sets to the client's address (a client-sent value is replaced). */
  vercel: ((request) => firstAddress(request.headers.get("x-real-ip"))) as ClientIpSource,
  /** Cloudflare (and Workers): `CF-Connecting-IP`, the address that connected to Cloudflare. */
  cloudflare: ((request) => firstAddress(request.headers.get("cf-connecting-ip"))) as ClientIpSource,
  /**
   * Behind exactly `proxies` proxies that each append to `X-Forwarded-For`: the address the outermost of them saw,
   * the `proxies`-th from the right. Entries further left are whatever the client wrote.
   * @example clientIp.rightmost(1) // one load balancer in front of the app
   */
  rightmost(proxies: number): ClientIpSource {
    if (!Number.isInteger(proxies) || proxies < 1 || proxies > 20) {
      const received = typeof proxies === "number" ? String(proxies) : typeof proxies;
      throw new TokenPolicyError([
        { option: "getIp", expected: "clientIp.rightmost(n) with n an integer from 1 to 20", received },
      ]);
    }
    return (request) => {
      const hops = request.headers.get("x-forwarded-for")?.split(",") ?? [];
      const address = hops[hops.length - proxies]?.trim();
      return address ? address : undefined;
    };
  },
};

/**
 * An anonymous Fetch route without `getIp` would put every visitor into one rate-limit bucket (a `Request` carries
 * no address): refused at creation, so the mistake cannot reach production unnoticed.
 */
export function requireClientAddressSource(options: { authorize?: unknown; getIp?: unknown }): void {
  if (options.authorize !== undefined || options.getIp !== undefined) return;
  throw new TokenPolicyError([
    {
      option: "getIp",
      expected:
        "where the client address comes from when there is no authorize (clientIp.vercel, clientIp.cloudflare, " +
        "clientIp.rightmost(n), or your own function), or else every caller shares one rate-limit bucket",
      received: "undefined",
    },
  ]);
}
