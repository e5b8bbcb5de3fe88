// Which addresses a webhook probe must not reach: every range in IANA's IPv4 and IPv6
// Special-Purpose Address Registries (loopback, private, link-local, documentation,
// translation, tunnelling...), multicast, and in IPv6 anything outside global unicast
// (2000::/3), so a chat user cannot make Switchboard call into its own network. Matching
// is ipaddr.js's (a maintained parser); the registry entries are listed here because the
// library's own table groups some and lacks others (192.0.0.0/24's anycast entries).
// An IPv4-mapped address (::ffff:a.b.c.d) is the IPv4 address it maps, judged as such;
// a translated or tunnelled one (NAT64, 6to4, Teredo) is refused outright, because the
// translator that would carry the probe is somebody's gateway.
import net from "node:net";
import ipaddr from "ipaddr.js";

type Range = [cidr: string, label: string];

// IANA IPv4 Special-Purpose Address Registry (and 224.0.0.0/4, multicast).
export const IPV4_SPECIAL: Range[] = [
  ["0.0.0.0/8", "a reserved"],
  ["10.0.0.0/8", "a private"],
  ["100.64.0.0/10", "a private (carrier-grade NAT)"],
  ["127.0.0.0/8", "a loopback"],
  ["169.254.0.0/16", "a link-local"],
  ["172.16.0.0/12", "a private"],
  ["192.0.0.0/24", "a reserved"],
  ["192.0.2.0/24", "a documentation"],
  ["192.31.196.0/24", "a reserved (AS112)"],
  ["192.52.193.0/24", "a reserved (AMT)"],
  ["192.88.99.0/24", "a reserved (6to4 relay)"],
  ["192.168.0.0/16", "a private"],
  ["192.175.48.0/24", "a reserved (AS112)"],
  ["198.18.0.0/15", "a reserved (benchmarking)"],
  ["198.51.100.0/24", "a documentation"],
  ["203.0.113.0/24", "a documentation"],
  ["224.0.0.0/4", "a multicast"],
  ["240.0.0.0/4", "a reserved"],
  ["255.255.255.255/32", "a broadcast"],
];

// IANA IPv6 Special-Purpose Address Registry (and multicast, site-local).
export const IPV6_SPECIAL: Range[] = [
  ["::/128", "an unspecified"],
  ["::1/128", "a loopback"],
  ["::/96", "a reserved (IPv4-compatible)"],
  ["::ffff:0:0:0/96", "a translated (IPv4/IPv6)"],
  ["64:ff9b::/96", "a NAT64 (IPv4/IPv6 translation)"],
  ["64:ff9b:1::/48", "a NAT64 (IPv4/IPv6 translation)"],
  ["100::/64", "a reserved (discard-only)"],
  ["100:0:0:1::/64", "a reserved (dummy prefix)"],
  ["2001::/32", "a Teredo tunnel"],
  ["2001::/23", "a reserved (IETF protocol assignments)"],
  ["2001:2::/48", "a reserved (benchmarking)"],
  ["2001:3::/32", "a reserved (AMT)"],
  ["2001:4:112::/48", "a reserved (AS112)"],
  ["2001:10::/28", "a reserved (ORCHID)"],
  ["2001:20::/28", "a reserved (ORCHIDv2)"],
  ["2001:30::/28", "a reserved (drone remote ID)"],
  ["2001:db8::/32", "a documentation"],
  ["2002::/16", "a 6to4 tunnel"],
  ["2620:4f:8000::/48", "a reserved (AS112)"],
  ["3fff::/20", "a documentation"],
  ["5f00::/16", "a reserved (segment routing)"],
  ["fc00::/7", "a private (unique local)"],
  ["fe80::/10", "a link-local"],
  ["fec0::/10", "a private (site-local)"],
  ["ff00::/8", "a multicast"],
];

const compile = (ranges: Range[]) => ranges.map(([cidr, label]) => ({ range: ipaddr.parseCIDR(cidr), label }));
const v4 = compile(IPV4_SPECIAL);
const v6 = compile(IPV6_SPECIAL);
const globalUnicast = ipaddr.parseCIDR("2000::/3");

/** "a loopback", "a private"... when the address must not be called; undefined if public. */
export function restrictedKind(address: string): string | undefined {
  if (!net.isIP(address)) return "an invalid";
  let ip = ipaddr.parse(address);
  if (ip instanceof ipaddr.IPv6 && ip.isIPv4MappedAddress()) ip = ip.toIPv4Address();
  if (ip instanceof ipaddr.IPv4) {
    const ipv4 = ip;
    return v4.find((r) => ipv4.match(r.range as [ipaddr.IPv4, number]))?.label ?? libraryLabel(ipv4.range());
  }
  const ipv6 = ip;
  const listed = v6.find((r) => ipv6.match(r.range as [ipaddr.IPv6, number]))?.label ?? libraryLabel(ipv6.range());
  if (listed) return listed;
  return ipv6.match(globalUnicast) ? undefined : "a reserved";
}

// A second net: a range the library knows and the list above does not (a future registry entry).
const libraryLabel = (range: string): string | undefined => (range === "unicast" ? undefined : `a special-purpose (${range})`);
