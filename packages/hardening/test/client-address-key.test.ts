import { clientAddressKey } from "@decart-kit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const group = fc.integer({ min: 0, max: 0xffff });
const groups = fc.array(group, { minLength: 8, maxLength: 8 });
const hex = (values: number[]) => values.map((value) => value.toString(16)).join(":");
const prefixLength = fc.integer({ min: 32, max: 128 });

/** `values` with every bit after the first `bits` replaced by the bits of `noise`. */
function sameNetwork(values: number[], noise: number[], bits: number): number[] {
  return values.map((value, index) => {
    const kept = Math.min(16, Math.max(0, bits - index * 16));
    const mask = kept === 0 ? 0 : (0xffff << (16 - kept)) & 0xffff;
    return (value & mask) | ((noise[index] as number) & ~mask & 0xffff);
  });
}

describe("the default bucket of a client address (properties)", () => {
  it("gives every address of one /n network the same key, and addresses of different networks different keys", () => {
    fc.assert(
      fc.property(groups, groups, prefixLength, (address, noise, bits) => {
        // Not in ::ffff:0:0/96: those are IPv4 addresses.
        fc.pre(!(address.slice(0, 5).every((value) => value === 0) && address[5] === 0xffff));
        const sibling = sameNetwork(address, noise, bits);
        fc.pre(!(sibling.slice(0, 5).every((value) => value === 0) && sibling[5] === 0xffff));
        expect(clientAddressKey(hex(sibling), bits)).toBe(clientAddressKey(hex(address), bits));
        const differs = sibling.some((value, index) => value !== address[index]);
        if (differs && bits === 128)
          expect(clientAddressKey(hex(sibling), bits)).not.toBe(clientAddressKey(hex(address), bits));
      }),
      { numRuns: 2000 },
    );
  });

  it("separates addresses that differ inside the prefix", () => {
    fc.assert(
      fc.property(groups, fc.integer({ min: 0, max: 55 }), (address, bit) => {
        fc.pre(!(address.slice(0, 5).every((value) => value === 0) && address[5] === 0xffff));
        const flipped = [...address];
        const index = Math.floor(bit / 16);
        flipped[index] = (flipped[index] as number) ^ (1 << (15 - (bit % 16)));
        fc.pre(!(flipped.slice(0, 5).every((value) => value === 0) && flipped[5] === 0xffff));
        expect(clientAddressKey(hex(flipped))).not.toBe(clientAddressKey(hex(address)));
      }),
      { numRuns: 2000 },
    );
  });

  it("counts an IPv4-mapped address, in either spelling, as the IPv4 address", () => {
    fc.assert(
      fc.property(fc.ipV4(), (ipv4) => {
        const [a, b, c, d] = ipv4.split(".").map(Number) as [number, number, number, number];
        const hexForm = `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        expect(clientAddressKey(`::ffff:${ipv4}`)).toBe(ipv4);
        expect(clientAddressKey(hexForm)).toBe(ipv4);
        expect(clientAddressKey(ipv4)).toBe(ipv4);
      }),
    );
  });
});
