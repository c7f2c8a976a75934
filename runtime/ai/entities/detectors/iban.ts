// IBANs: two letters, two check digits, then the BBAN, printed electronically or in groups of four.
// ibantools checks the per-country length and BBAN format and the ISO 7064 mod-97 checksum.
import { electronicFormatIBAN, getCountrySpecifications, isValidIBAN } from "ibantools";
import { findContext, makeEntity, withContext } from "../context.ts";
import type { Detector, Entity } from "../types.ts";

// Electronic form (up to 34 characters) or the printed form in groups of four. Each alternative
// splits its input one way only, so a failed match cannot backtrack through groupings.
const IBAN_CANDIDATE =
  /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{10,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)(?![A-Za-z0-9])/g;
export const IBAN_CONTEXT = /\b(?:iban|bank account|account|acct|swift|bic|sepa|transfer|wire)\b/gi;

const SPECS = getCountrySpecifications();

export const detectIbans: Detector = (text) => {
  const found: Entity[] = [];
  for (const m of text.matchAll(IBAN_CANDIDATE)) {
    const start = m.index;
    const length = SPECS[m[0].slice(0, 2)]?.chars;
    if (!length) continue;
    // The candidate can run into a following code ("... 3000 BIC"): cut it at the country's length,
    // which must fall on a group boundary of the printed form.
    let seen = 0;
    let end = start;
    while (end < start + m[0].length && seen < length) {
      if (text[end] !== " ") seen++;
      end++;
    }
    if (seen < length || /[A-Za-z0-9]/.test(text[end] ?? "")) continue;
    const electronic = electronicFormatIBAN(text.slice(start, end)) ?? "";
    if (!isValidIBAN(electronic)) continue;
    const context = findContext(text, start, end, IBAN_CONTEXT);
    found.push(
      makeEntity("iban", text, start, end, withContext(0.9, context, 0.09), {
        normalized: electronic,
        context,
      }),
    );
  }
  return found;
};
