// Phone numbers through libphonenumber-js (Google's libphonenumber metadata, bundled, no downloads).
// Its text matcher costs close to a millisecond on a digit-heavy string and slows down sharply on
// long ones, so it only sees short, phone-shaped runs found by a bounded pattern: a table of numbers
// or a megabyte of "12 12 12" never reaches it.
//
// A run is read in three ways, strongest first: as an international number ("+44 20 ...", or with
// an international call prefix "00", "011", "001" that dialling would replace by "+"); as a national
// number of one of the tenant's countries (`phoneCountries`, from the tenant's region); and, when
// a word such as "phone", "call me at" or "Mobile:" announces it, as a number of any country or a
// local number without its area code. A run no reading accepts is not a phone.
import {
  type CountryCode,
  findNumbers,
  getCountries,
  getCountryCallingCode,
  type NumberFound,
  parsePhoneNumberFromString,
} from "libphonenumber-js/max";
import { findContext, makeEntity, withContext } from "../context.ts";
import type { Detector, Entity, ResolvedOptions } from "../types.ts";

// A plausible run: optional "+", digits with spaces, dots, hyphens or parentheses, an optional extension.
const PHONE_RUN =
  /(?<![\w+\-/.])(?:\+|\()?\d[\d ().\-\u00A0]{4,24}\d(?:[ ]{0,2}(?:ext\.?|x|extension|#)[ ]{0,2}\d{1,6})?(?!\w)/gi;
const EXTENSION = /[ ]{0,2}(?:ext\.?|x|extension|#)[ ]{0,2}\d{1,6}$/i;
export const PHONE_CONTEXT =
  /\b(?:phone|tel|telephone|mobile|cell|cellphone|fax|call|called|calling|contact|ph|desk|direct|landline|hotline|sms|text me|texts|messages?|voicemail|whatsapp|reach me|answering|registered)\b|\b(?:téléphone|telefon|telefono|teléfono|handy|portable)\b/gi;
// International call prefixes written in place of "+": 00 (most of the world), 011 (North America),
// 001/0011 (some of Asia and Australia) — only when what follows reads as a country code.
const IDD = /^(?:00|011|0011)(?=[1-9])/;

// findNumbers takes libphonenumber's "leniency" (documented in the libphonenumber-js README) but
// its type declarations leave the option out.
const findNumbersWith = findNumbers as unknown as (
  text: string,
  options: { defaultCountry?: CountryCode; v2: true; leniency: "VALID" | "POSSIBLE" },
) => NumberFound[];

/** Countries tried for an announced number that none of the tenant's countries accepts. */
let allCountries: readonly CountryCode[] | undefined;
let nanpCountries: readonly CountryCode[] | undefined;

/** 7 to 15 digits (E.164's maximum) in at most 6 groups, not counting an extension. */
function phoneShaped(run: string): boolean {
  const number = run.replace(EXTENSION, "");
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

interface Reading {
  start: number;
  end: number;
  e164: string;
  base: number;
}

/** The piece read as an international number (with "+" or a call prefix in its place). */
function international(piece: string): Reading | undefined {
  const idd = IDD.exec(piece);
  if (!piece.startsWith("+") && !idd) return undefined;
  const plus = idd ? `+${piece.slice(idd[0].length)}` : piece;
  const shift = idd ? idd[0].length - 1 : 0;
  // "POSSIBLE": a number with a country code and a length that country uses. Many printed numbers
  // (fictional ranges, new blocks) fail the stricter validity check but are still numbers to protect.
  for (const leniency of ["VALID", "POSSIBLE"] as const) {
    const hit = findNumbersWith(plus, { v2: true, leniency })[0];
    if (hit) {
      return {
        start: hit.startsAt === 0 ? 0 : hit.startsAt + shift,
        end: hit.endsAt + shift,
        e164: hit.number.number,
        base: leniency === "VALID" ? 0.85 : 0.75,
      };
    }
  }
  return undefined;
}

/** The piece read as a national number of one of `countries`. */
function national(piece: string, countries: readonly CountryCode[], leniency: "VALID" | "POSSIBLE") {
  for (const country of countries) {
    const hit = findNumbersWith(piece, { defaultCountry: country, v2: true, leniency })[0];
    if (hit) return { start: hit.startsAt, end: hit.endsAt, e164: hit.number.number };
  }
  return undefined;
}

// Tried in this order for an announced number none of the tenant's countries accepts (each costs
// ~0.3 ms; all 245 would cost 70 ms per number). A number valid in several gets the first one's
// code: the text does not say which it is. Numbers of other countries are still found, on their
// shape and the phone word, with a lower confidence and their digits as the normalized value.
const LIKELY = [
  "US",
  "GB",
  "DE",
  "FR",
  "IT",
  "ES",
  "NL",
  "BE",
  "CH",
  "AT",
  "IE",
  "PT",
  "SE",
  "NO",
  "DK",
  "FI",
  "PL",
  "CA",
  "AU",
  "NZ",
  "IN",
  "JP",
  "BR",
  "MX",
] as const;
// "345-899-3560": three, three and four digits is how North American Numbering Plan numbers print.
const NANP_SHAPE = /^(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}\b/;

/**
 * A country where the whole piece (without extension) is a valid number: for announced numbers
 * only. `everywhere` tries every country libphonenumber knows after the likely ones (~70 ms).
 */
function anyCountry(piece: string, everywhere: boolean): string | undefined {
  allCountries ??= [...new Set<CountryCode>([...LIKELY, ...getCountries()])];
  const number = piece.replace(EXTENSION, "");
  const nanp = NANP_SHAPE.test(number);
  if (nanp) {
    nanpCountries ??= getCountries().filter((c) => getCountryCallingCode(c) === "1");
    const plan = nanpCountries;
    for (const country of plan) {
      const parsed = parsePhoneNumberFromString(number, country);
      if (parsed?.isValid()) return parsed.number;
    }
    // The shape is North American even when the exchange is not in use (fictional, new blocks).
    const possible = parsePhoneNumberFromString(number, "US");
    if (possible?.isPossible()) return possible.number;
  }
  for (const country of everywhere ? allCountries : LIKELY) {
    const parsed = parsePhoneNumberFromString(number, country);
    if (parsed?.isValid()) return parsed.number;
  }
  return undefined;
}

// A document full of "Tel:" lines gets this many checks in every country, then only in the likely
// ones: a document's worst case stays under half a second.
const MAX_ANY_COUNTRY_CHECKS = 6;

export const detectPhones: Detector = (text, options) => {
  const found: Entity[] = [];
  let anyCountryChecks = 0;
  for (const run of text.matchAll(PHONE_RUN)) {
    for (const piece of pieces(run[0], run.index)) {
      const reading = read(text, piece, options, () => anyCountryChecks++ < MAX_ANY_COUNTRY_CHECKS);
      if (reading) found.push(reading);
    }
  }
  return found;
};

function read(
  text: string,
  piece: { text: string; at: number },
  options: ResolvedOptions,
  mayCheckAll: () => boolean,
): Entity | undefined {
  const entity = (r: Reading, context: string | undefined, boost = 0.1) =>
    makeEntity("phone", text, piece.at + r.start, piece.at + r.end, withContext(r.base, context, boost), {
      normalized: r.e164,
      context,
    });
  const context = findContext(text, piece.at, piece.at + piece.text.length, PHONE_CONTEXT);
  const intl = international(piece.text);
  if (intl) return entity(intl, context);
  const local = national(piece.text, options.phoneCountries, "VALID");
  if (local) return entity({ ...local, base: 0.7 }, context, 0.2);
  // A word before the number announces it, or one right after it ("0490 75 40 81 (mobile)", "...
  // is my phone"); "tax ID 94-1234567; billing contact ..." does not: the word is further on.
  const end = piece.at + piece.text.length;
  const after = text.slice(end, end + 16);
  const announced =
    findContext(text, piece.at, end, PHONE_CONTEXT, 40, 0) ??
    (/^[^\d;]*$/.test(after) ? findContext(text, end, end, PHONE_CONTEXT, 0, 16) : undefined);
  if (announced === undefined) return undefined;
  // Announced by a phone word: a number of another country, or one printed without its area code.
  const whole = { start: 0, end: piece.text.length };
  const elsewhere = anyCountry(piece.text, mayCheckAll());
  if (elsewhere) return entity({ ...whole, e164: elsewhere, base: 0.55 }, context, 0.2);
  const possible = national(piece.text, options.phoneCountries, "POSSIBLE");
  if (possible) return entity({ ...possible, base: 0.5 }, context, 0.15);
  const digits = piece.text.replace(EXTENSION, "").replace(/\D/g, "");
  if (!/[ ().-]/.test(piece.text.replace(EXTENSION, "")) && digits.length > 11) return undefined;
  return entity({ ...whole, e164: digits, base: 0.45 }, context, 0.15);
}
