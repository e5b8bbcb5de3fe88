// Finding 9: the webhook address filter against every range of IANA's IPv4 and IPv6
// Special-Purpose Address Registries (written here from the registries, independently of
// the code's list): the first, last and a middle address of each range is refused, as is
// its IPv4-mapped form for IPv4; public addresses next to the ranges pass.
import { describe, expect, it } from "vitest";
import ipaddr from "ipaddr.js";
import { restrictedKind } from "../../src/numbers/webhook/address-policy.ts";

// https://www.iana.org/assignments/iana-ipv4-special-registry (+ multicast 224.0.0.0/4)
const IANA_V4 = [
  "0.0.0.0/8", "0.0.0.0/32", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
  "192.0.0.0/24", "192.0.0.0/29", "192.0.0.8/32", "192.0.0.9/32", "192.0.0.10/32", "192.0.0.170/32", "192.0.0.171/32",
  "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.88.99.2/32", "192.168.0.0/16",
  "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
];
// https://www.iana.org/assignments/iana-ipv6-special-registry (+ multicast, site-local)
const IANA_V6 = [
  "::1/128", "::/128", "::ffff:0:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64", "2001::/23",
  "2001::/32", "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:2::/48", "2001:3::/32", "2001:4:112::/48",
  "2001:10::/28", "2001:20::/28", "2001:30::/28", "2001:db8::/32", "2002::/16", "2620:4f:8000::/48", "3fff::/20",
  "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
];

/** First, last and middle address of a CIDR range. */
function samples(cidr: string): string[] {
  const [base, bits] = ipaddr.parseCIDR(cidr);
  const bytes = base.toByteArray();
  const hostBits = bytes.length * 8 - bits;
  const withHost = (fill: (i: number) => number) =>
    ipaddr.fromByteArray(bytes.map((b, byte) => {
      let out = b;
      for (let bit = 0; bit < 8; bit++) {
        const position = byte * 8 + bit;
        if (position >= bits) out = fill(position) ? out | (0x80 >> bit) : out & ~(0x80 >> bit);
      }
      return out;
    })).toString();
  if (hostBits === 0) return [base.toString()];
  return [...new Set([withHost(() => 0), withHost(() => 1), withHost((p) => (p === bits ? 1 : p % 3 === 0 ? 1 : 0))])];
}

const v4Cases = IANA_V4.flatMap(samples);
const v6Cases = IANA_V6.flatMap(samples);
const mappedCases = v4Cases.map((a) => `::ffff:${a}`);

describe("finding 9: translated and tunnelled IPv6 addresses", () => {
  it.each([
    ["64:ff9b::808:808", "NAT64 of a public address"],
    ["64:ff9b::7f00:1", "NAT64 of loopback"],
    ["64:ff9b:1::808:808", "local-use NAT64"],
    ["2001::1", "Teredo"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo (RFC 4380's example)"],
    ["::ffff:0:808:808", "IPv4-translated (RFC 6145)"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:10.0.0.1", "IPv4-mapped private"],
  ])("refuses %s (%s)", (address) => {
    expect(restrictedKind(address)).toBeDefined();
  });
});

describe("every IANA special-purpose range", () => {
  it(`refuses the first, last and a middle address of each IPv4 range (${v4Cases.length} addresses)`, () => {
    expect(v4Cases.filter((a) => restrictedKind(a) === undefined)).toEqual([]);
  });
  it(`refuses them IPv4-mapped (${mappedCases.length} addresses)`, () => {
    expect(mappedCases.filter((a) => restrictedKind(a) === undefined)).toEqual([]);
  });
  it(`refuses the first, last and a middle address of each IPv6 range (${v6Cases.length} addresses)`, () => {
    expect(v6Cases.filter((a) => restrictedKind(a) === undefined)).toEqual([]);
  });
  it("refuses IPv6 outside global unicast and zone-scoped addresses", () => {
    for (const address of ["4000::1", "1::1", "fe80::1%eth0", "::2"]) expect(restrictedKind(address), address).toBeDefined();
  });
  it("lets public neighbours through", () => {
    const publicOnes = ["1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.1", "192.88.98.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255", "::ffff:8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4009:81d::200e", "2001:200::1", "2002::0".replace("2002", "2003")];
    expect(publicOnes.filter((a) => restrictedKind(a) !== undefined)).toEqual([]);
  });
});
