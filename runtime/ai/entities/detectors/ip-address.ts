// IPv4 and IPv6 addresses: a loose candidate pattern, then node:net's parser decides.
import { isIP } from "node:net";
import { findContext, makeEntity, withContext } from "../context.ts";
import type { Detector, Entity } from "../types.ts";

// IPv4 not part of a longer dotted number (version strings like 1.2.3.4.5 are not addresses).
const IPV4 = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d)/g;
// IPv6: 2 to 8 colon-separated hex groups (with "::"), optionally ending in an embedded IPv4.
const IPV6 =
  /(?<![0-9A-Fa-f:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![0-9A-Fa-f:])/g;
const IP_CONTEXT =
  /\b(?:ip(?: address)?|ipv4|ipv6|host|client|source|remote addr(?:ess)?|logged in from)\b/gi;

// Dotted version numbers ("build 4.2.1.7") have an address's shape.
const VERSION_BEFORE = /\b(?:version|build|release|ver|v)\.? ?$/i;
// Looks like a clock time or a ratio rather than an address: no hex letters, no "::", short groups.
const TIME_LIKE = /^\d{1,2}(?::\d{2}){1,2}$/;

export const detectIpAddresses: Detector = (text) => {
  const found: Entity[] = [];
  const push = (start: number, value: string, base: number) => {
    const end = start + value.length;
    const context = findContext(text, start, end, IP_CONTEXT);
    found.push(
      makeEntity("ip_address", text, start, end, withContext(base, context, 0.14), {
        normalized: value.toLowerCase(),
        context,
      }),
    );
  };
  for (const m of text.matchAll(IPV4)) {
    if (isIP(m[0]) !== 4 || VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    push(m.index, m[0], 0.85);
  }
  for (const m of text.matchAll(IPV6)) {
    // A sentence can end with a colon right after an address ("from fe80::1:").
    const value = isIP(m[0]) === 6 ? m[0] : m[0].replace(/:$/, "");
    if (isIP(value) !== 6 || TIME_LIKE.test(value)) continue;
    push(m.index, value, 0.85);
  }
  return found;
};
