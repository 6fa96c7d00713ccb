/** How many leading bits of an IPv6 client address name one client. */
export const DEFAULT_IPV6_SUBNET = 56;

const isIPv4 = (text: string) =>
  /^\d{1,3}(\.\d{1,3}){3}$/.test(text) && text.split(".").every((part) => Number(part) <= 255);

// Written out rather than node:net's isIP: the route also runs on Workers and edge runtimes, which have no node:net.
function isIPv6(text: string): boolean {
  if (!text.includes(":") || !/^[\da-fA-F:.]+$/.test(text)) return false;
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const parts = halves.flatMap((half) => (half === "" ? [] : half.split(":")));
  let groups = 0;
  for (const [index, part] of parts.entries()) {
    if (part.includes(".")) {
      if (index !== parts.length - 1 || !isIPv4(part)) return false;
      groups += 2;
    } else if (/^[\da-fA-F]{1,4}$/.test(part)) groups += 1;
    else return false;
  }
  return halves.length === 2 ? groups < 8 : groups === 8;
}

/** The 8 groups of an IPv6 address as numbers (the address is known valid; a trailing dotted quad is expanded). */
function ipv6Groups(address: string): number[] {
  let text = address.split("%")[0] as string;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => Number.parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

/** The network of `address` with `prefixLength` bits kept, written as `groups/prefix` (the bucket's name). */
function ipv6Network(groups: number[], prefixLength: number): string {
  const masked = groups.map((group, index) => {
    const kept = Math.min(16, Math.max(0, prefixLength - index * 16));
    return kept === 0 ? 0 : group & (0xffff << (16 - kept)) & 0xffff;
  });
  return `${masked.map((group) => group.toString(16)).join(":")}/${prefixLength}`;
}

/**
 * The rate-limit bucket of a client address. One home or mobile connection gets a whole IPv6 prefix (a /64 at
 * least, often a /56 or /48) and may rotate through it freely, so an IPv6 client is its `/ipv6Subnet` network.
 * An IPv4-mapped address (`::ffff:a.b.c.d`, what a dual-stack server reports for IPv4 callers) is that IPv4
 * address, not part of one shared IPv6 network. Anything that is not an IP (a proxy's garbage) is kept as given.
 */
export function clientAddressKey(address: string | undefined, ipv6Subnet: number = DEFAULT_IPV6_SUBNET): string {
  if (address === undefined || address === "") return "unknown";
  const trimmed = address.trim();
  if (!isIPv6(trimmed.split("%")[0] as string)) return trimmed;
  const groups = ipv6Groups(trimmed);
  // ::ffff:0:0/96, whether written ::ffff:127.0.0.2 or ::ffff:7f00:2.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return ipv6Network(groups, ipv6Subnet);
}
