// Which addresses a webhook probe must not reach: loopback, private, link-local and other
// special-purpose ranges (IPv4 and IPv6, including IPv4 embedded in IPv6), so a chat user
// cannot make Switchboard call into its own network.
import net from "node:net";

const IPV4_RANGES: [string, number, string][] = [
  ["0.0.0.0", 8, "a reserved"],
  ["10.0.0.0", 8, "a private"],
  ["100.64.0.0", 10, "a private (carrier-grade NAT)"],
  ["127.0.0.0", 8, "a loopback"],
  ["169.254.0.0", 16, "a link-local"],
  ["172.16.0.0", 12, "a private"],
  ["192.0.0.0", 24, "a reserved"],
  ["192.0.2.0", 24, "a documentation"],
  ["192.168.0.0", 16, "a private"],
  ["198.18.0.0", 15, "a reserved"],
  ["198.51.100.0", 24, "a documentation"],
  ["203.0.113.0", 24, "a documentation"],
  ["224.0.0.0", 4, "a multicast"],
  ["240.0.0.0", 4, "a reserved"],
];

const IPV6_RANGES: [string, number, string][] = [
  ["::", 128, "an unspecified"],
  ["::1", 128, "a loopback"],
  ["100::", 64, "a reserved"],
  ["2001:db8::", 32, "a documentation"],
  ["fc00::", 7, "a private (unique local)"],
  ["fe80::", 10, "a link-local"],
  ["fec0::", 10, "a private (site-local)"],
  ["ff00::", 8, "a multicast"],
];

function rangeList(ranges: [string, number, string][], type: "ipv4" | "ipv6") {
  return ranges.map(([address, prefix, label]) => {
    const list = new net.BlockList();
    list.addSubnet(address, prefix, type);
    return { list, label };
  });
}

const v4 = rangeList(IPV4_RANGES, "ipv4");
const v6 = rangeList(IPV6_RANGES, "ipv6");

/** "a loopback", "a private"... when the address must not be called; undefined if public. */
export function restrictedKind(address: string): string | undefined {
  const family = net.isIP(address);
  if (family === 4) return v4.find((r) => r.list.check(address, "ipv4"))?.label;
  if (family !== 6) return "an invalid";
  const embedded = embeddedIPv4(address);
  if (embedded) return restrictedKind(embedded);
  return v6.find((r) => r.list.check(address, "ipv6"))?.label;
}

/** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address. */
export function embeddedIPv4(address: string): string | undefined {
  const bytes = ipv6Bytes(address);
  if (!bytes) return undefined;
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const dotted = (at: number) => bytes.slice(at, at + 4).join(".");
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return dotted(12);
  if (zeros(0, 12) && !zeros(12, 15)) return dotted(12); // ::a.b.c.d (not :: or ::1)
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return dotted(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return dotted(2);
  return undefined;
}

function ipv6Bytes(address: string): number[] | undefined {
  let text = address.split("%")[0]!.toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (tail) {
    const [a, b, c, d] = tail.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, -tail.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const groups = rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  if (groups.length !== 8) return undefined;
  return groups.flatMap((g) => {
    const value = parseInt(g, 16);
    return [value >> 8, value & 0xff];
  });
}
