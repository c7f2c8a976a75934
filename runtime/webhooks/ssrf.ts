// The outbound guard: a webhook URL must be https (unless allowed), carry no credentials, and its
// host must resolve only to addresses the policy permits. Every address counts, so a name that
// also resolves to 10.0.0.1 is refused even if its first answer is public.
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { type AddressClass, CLASS_LABELS, classifyAddress, PRIVATE_CLASSES } from "./ip-ranges.ts";

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface DestinationPolicy {
  /** Permit loopback, RFC 1918, link-local, CGNAT and unique-local addresses (default false). */
  allowPrivate?: boolean;
  /** Permit http:// URLs (default false). */
  allowHttp?: boolean;
  lookup?: Lookup;
}

/** Names that reach a metadata service whatever the resolver says. */
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data"]);

export type Destination =
  | { ok: true; url: URL; addresses: ResolvedAddress[] }
  /** transient: a lookup failure worth retrying; otherwise the URL itself is refused. */
  | { ok: false; reason: string; transient: boolean; addressClass?: AddressClass };

const refuse = (reason: string, addressClass?: AddressClass): Destination => ({
  ok: false,
  reason,
  transient: false,
  ...(addressClass ? { addressClass } : {}),
});

export async function checkDestination(rawUrl: string, policy: DestinationPolicy = {}): Promise<Destination> {
  const { allowPrivate = false, allowHttp = false, lookup = systemLookup } = policy;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return refuse(`url "${rawUrl}" is not a valid absolute URL`);
  }
  const allowed = allowHttp ? ["https:", "http:"] : ["https:"];
  if (!allowed.includes(url.protocol)) {
    return refuse(
      `url scheme "${url.protocol.slice(0, -1)}" is not allowed: use ${allowed.map((p) => p.slice(0, -1)).join(" or ")}`,
    );
  }
  if (url.username || url.password) return refuse("url must not carry credentials (user:password@)");
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (METADATA_HOSTS.has(host.replace(/\.$/, ""))) {
    return refuse(`url host "${host}" is a ${CLASS_LABELS.metadata} name`, "metadata");
  }

  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await lookup(host);
    } catch (err) {
      const code = (err as { code?: string }).code ?? (err as Error).message;
      return { ok: false, reason: `url host "${host}" could not be resolved (${code})`, transient: true };
    }
    if (addresses.length === 0) {
      return { ok: false, reason: `url host "${host}" resolved to no address`, transient: true };
    }
  }
  for (const { address } of addresses) {
    const c = classifyAddress(address);
    if (c && !(allowPrivate && PRIVATE_CLASSES.has(c))) {
      const via = address === host ? "" : ` (resolved from "${host}")`;
      const hint = PRIVATE_CLASSES.has(c) ? "; set allowPrivate to deliver inside private networks" : "";
      return refuse(
        `url address ${address}${via} is ${CLASS_LABELS[c]} and may not receive webhooks${hint}`,
        c,
      );
    }
  }
  return { ok: true, url, addresses };
}
