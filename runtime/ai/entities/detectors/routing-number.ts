// ABA routing transit numbers: nine digits, a Federal Reserve prefix, and the 3-7-1 weighted checksum.
import { findContext, makeEntity, withContext } from "../context.ts";
import type { Detector, Entity } from "../types.ts";

const NINE_DIGITS = /(?<![\w-])\d{9}(?![\w]|-\d)/g;
export const ROUTING_CONTEXT = /\b(?:routing(?: number| no| #)?|aba|rtn|transit(?: number)?|ach)\b/gi;

/** First two digits: 00 (US government), 01-12 (Federal Reserve), 21-32 (thrifts), 61-72 (electronic), 80 (traveller's cheques). */
function prefixValid(digits: string): boolean {
  const p = Number(digits.slice(0, 2));
  return p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80;
}

export function routingValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || !prefixValid(digits)) return false;
  const d = [...digits].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
  return sum % 10 === 0;
}

export const detectRoutingNumbers: Detector = (text) => {
  const found: Entity[] = [];
  for (const m of text.matchAll(NINE_DIGITS)) {
    if (!routingValid(m[0])) continue;
    const start = m.index;
    const end = start + m[0].length;
    const context = findContext(text, start, end, ROUTING_CONTEXT);
    // One random nine-digit number in ten passes the checksum: without a label it is only a hint.
    found.push(
      makeEntity("routing_number", text, start, end, withContext(0.35, context, 0.6), {
        normalized: m[0],
        context,
      }),
    );
  }
  return found;
};
