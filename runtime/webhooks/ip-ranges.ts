// Which addresses a webhook may not reach. Private-network ranges can be allowed by configuration
// (on-premises receivers, tests); metadata services and non-unicast addresses never can.
import { BlockList, isIPv4, isIPv6 } from "node:net";

export type AddressClass =
  | "loopback"
  | "private"
  | "link-local"
  | "cgnat"
  | "unique-local"
  | "metadata"
  | "multicast"
  | "unspecified"
  | "reserved";

/** Classes `allowPrivate` opens; the rest stay refused. */
export const PRIVATE_CLASSES: ReadonlySet<AddressClass> = new Set([
  "loopback",
  "private",
  "link-local",
  "cgnat",
  "unique-local",
]);

export const CLASS_LABELS: Readonly<Record<AddressClass, string>> = {
  loopback: "loopback",
  private: "private (RFC 1918)",
  "link-local": "link-local",
  cgnat: "carrier-grade NAT (RFC 6598)",
  "unique-local": "unique-local IPv6 (fc00::/7)",
  metadata: "cloud metadata service",
  multicast: "multicast",
  unspecified: "unspecified",
  reserved: "reserved or documentation",
};

/** Instance metadata endpoints; some sit in public ranges (Azure's wireserver), so they are listed. */
const METADATA_ADDRESSES: [string, "ipv4" | "ipv6"][] = [
  ["169.254.169.254", "ipv4"], // AWS, GCP, Azure IMDS, OCI, DigitalOcean
  ["169.254.170.2", "ipv4"], // AWS ECS task metadata
  ["168.63.129.16", "ipv4"], // Azure wireserver
  ["100.100.100.200", "ipv4"], // Alibaba Cloud
  ["fd00:ec2::254", "ipv6"], // AWS IMDS over IPv6
];

const RANGES: [AddressClass, string, number, "ipv4" | "ipv6"][] = [
  ["unspecified", "0.0.0.0", 8, "ipv4"],
  ["private", "10.0.0.0", 8, "ipv4"],
  ["cgnat", "100.64.0.0", 10, "ipv4"],
  ["loopback", "127.0.0.0", 8, "ipv4"],
  ["link-local", "169.254.0.0", 16, "ipv4"],
  ["private", "172.16.0.0", 12, "ipv4"],
  ["reserved", "192.0.0.0", 24, "ipv4"],
  ["reserved", "192.0.2.0", 24, "ipv4"],
  ["private", "192.168.0.0", 16, "ipv4"],
  ["reserved", "198.18.0.0", 15, "ipv4"],
  ["reserved", "198.51.100.0", 24, "ipv4"],
  ["reserved", "203.0.113.0", 24, "ipv4"],
  ["multicast", "224.0.0.0", 4, "ipv4"],
  ["reserved", "240.0.0.0", 4, "ipv4"], // includes 255.255.255.255
  ["unspecified", "::", 128, "ipv6"],
  ["loopback", "::1", 128, "ipv6"],
  ["reserved", "100::", 64, "ipv6"],
  ["reserved", "2001:db8::", 32, "ipv6"],
  ["unique-local", "fc00::", 7, "ipv6"],
  ["link-local", "fe80::", 10, "ipv6"],
  ["reserved", "fec0::", 10, "ipv6"], // deprecated site-local
  ["multicast", "ff00::", 8, "ipv6"],
];

const lists = new Map<AddressClass, BlockList>();
const listFor = (c: AddressClass) => {
  const existing = lists.get(c);
  if (existing) return existing;
  const created = new BlockList();
  lists.set(c, created);
  return created;
};
for (const [address, family] of METADATA_ADDRESSES) listFor("metadata").addAddress(address, family);
for (const [c, net, prefix, family] of RANGES) listFor(c).addSubnet(net, prefix, family);
// Metadata first: 169.254.169.254 is link-local too, but allowPrivate must not open it.
const ORDER: AddressClass[] = ["metadata", ...[...lists.keys()].filter((c) => c !== "metadata")];

/** The eight 16-bit groups of an IPv6 address (accepts "::" and a dotted IPv4 tail). */
function groups(v6: string): number[] {
  let s = v6.split("%")[0] ?? v6;
  const dotted = s.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split(".").map(Number);
    s = `${s.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = s.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((x) => Number.parseInt(x, 16));
}

/**
 * The IPv4 address an IPv6 address carries: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible
 * (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d). Each reaches that IPv4 host, so it is judged as one.
 */
export function embeddedIPv4(v6: string): string | undefined {
  const g = groups(v6);
  if (g.length !== 8) return undefined;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = g;
  const v4 = `${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`;
  const zeros = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeros && g5 === 0xffff) return v4;
  if (zeros && g5 === 0 && (g6 !== 0 || g7 > 1)) return v4;
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4;
  return undefined;
}

/** The class of a refused address, or undefined for a public unicast one. */
export function classifyAddress(address: string): AddressClass | undefined {
  if (isIPv6(address)) {
    const v4 = embeddedIPv4(address);
    if (v4) return classifyAddress(v4);
    return ORDER.find((c) => lists.get(c)?.check(address.split("%")[0] ?? address, "ipv6"));
  }
  if (isIPv4(address)) return ORDER.find((c) => lists.get(c)?.check(address, "ipv4"));
  throw new TypeError(`"${address}" is not an IP address`);
}
