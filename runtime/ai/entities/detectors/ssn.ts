// US Social Security numbers: AAA-GG-SSSS. The SSA never issues area 000, 666 or 900-999, group 00
// or serial 0000, and some numbers became invalid after being printed in advertising.
import { findContext, makeEntity, withContext } from "../context.ts";
import type { Detector, Entity } from "../types.ts";

const SSN = /(?<![\w-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w]|-\d)/g;
export const SSN_CONTEXT =
  /\b(?:ssn|ss#|ss no|social security(?: number| no)?|social sec|taxpayer id|tin)\b/gi;

/** Numbers that match the pattern but were voided (078-05-1120 from a wallet insert, 219-09-9999 from an SSA pamphlet). */
const VOIDED = new Set(["078051120", "219099999"]);

export function ssnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || VOIDED.has(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === "000" || area === "666" || area[0] === "9") return false;
  return digits.slice(3, 5) !== "00" && digits.slice(5) !== "0000";
}

export const detectSsns: Detector = (text) => {
  const found: Entity[] = [];
  for (const m of text.matchAll(SSN)) {
    const digits = `${m[1]}${m[3]}${m[4]}`;
    if (!ssnValid(digits)) continue;
    const start = m.index;
    const end = start + m[0].length;
    const context = findContext(text, start, end, SSN_CONTEXT);
    // Hyphenated 3-2-4 is the SSN's own shape; nine bare digits are anything until a label says so.
    const base = m[2] === "-" ? 0.75 : m[2] === " " ? 0.5 : 0.3;
    found.push(
      makeEntity("ssn", text, start, end, withContext(base, context, 0.6), { normalized: digits, context }),
    );
  }
  return found;
};
