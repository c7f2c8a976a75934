// Phone numbers through libphonenumber-js (Google's libphonenumber metadata, bundled, no downloads).
// Its text matcher costs close to a millisecond on a digit-heavy string and slows down sharply on
// long ones, so it only sees short, phone-shaped runs found by a bounded pattern: a table of numbers
// or a megabyte of "12 12 12" never reaches it.
import { findPhoneNumbersInText } from "libphonenumber-js/max";
import { findContext, makeEntity, withContext } from "../context.ts";
import type { Detector, Entity } from "../types.ts";

// A plausible run: optional "+", digits with spaces, dots, hyphens or parentheses, an optional extension.
const PHONE_RUN =
  /(?<![\w+])(?:\+|\()?\d[\d ().\-\u00A0]{5,24}\d(?:[ ]{0,2}(?:ext\.?|x|extension|#)[ ]{0,2}\d{1,6})?(?!\w)/gi;
const PHONE_CONTEXT = /\b(?:phone|tel|telephone|mobile|cell|fax|call|contact|ph)\b/gi;

/** 7 to 15 digits (E.164's maximum) in at most 6 groups, not counting an extension. */
function phoneShaped(run: string): boolean {
  const number = run.replace(/(?:ext\.?|x|extension|#)[ ]{0,2}\d{1,6}$/i, "");
  const digits = number.replace(/\D/g, "").length;
  const groups = number.split(/\D+/).filter(Boolean).length;
  return digits >= 7 && digits <= 15 && groups <= 6;
}

/** The run itself, or when it is too long to be one number, its pieces split after 4-digit groups. */
function pieces(run: string, at: number): { text: string; at: number }[] {
  if (phoneShaped(run)) return [{ text: run, at }];
  const out: { text: string; at: number }[] = [];
  for (const m of run.matchAll(/.*?\d{4}(?=\s|$)|.+$/gs)) {
    const text = m[0].trimStart();
    if (phoneShaped(text)) out.push({ text, at: at + m.index + (m[0].length - text.length) });
  }
  return out;
}

export const detectPhones: Detector = (text, options) => {
  const found: Entity[] = [];
  for (const run of text.matchAll(PHONE_RUN)) {
    for (const piece of pieces(run[0], run.index)) {
      for (const hit of findPhoneNumbersInText(piece.text, { defaultCountry: options.defaultCountry })) {
        found.push(phoneEntity(text, piece.at + hit.startsAt, piece.at + hit.endsAt, hit.number.number));
      }
    }
  }
  return found;
};

function phoneEntity(text: string, start: number, end: number, e164: string): Entity {
  const context = findContext(text, start, end, PHONE_CONTEXT);
  // A number in international form names its own country; a national one relies on the default.
  const base = text[start] === "+" ? 0.85 : 0.7;
  return makeEntity("phone", text, start, end, withContext(base, context, 0.2), {
    normalized: e164,
    context,
  });
}
