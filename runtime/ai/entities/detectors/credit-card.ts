// Payment card numbers: a digit run of 12-19 digits (plain, or grouped with one consistent separator,
// space or hyphen), a known issuer prefix with a length that issuer uses, and the Luhn check.
import { findContext, makeEntity, withContext } from "../context.ts";
import type { Detector } from "../types.ts";

// Alternatives: 4-4-4-(1..4)[-(1..3)] groups, Amex/Diners 4-6-(4..5) groups, or unbroken 12-19 digits.
// Bounded quantifiers and a non-digit lookbehind keep the scan linear on long digit runs.
const CARD =
  /(?<![\w-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5}|\d{12,19})(?![\w]|[ -]\d)/g;

export const CARD_CONTEXT =
  /\b(?:credit card|debit card|card(?:holder)?|visa|master ?card|amex|american express|discover|pan|cc)\b/gi;

interface Issuer {
  name: string;
  prefixes: readonly (string | readonly [number, number])[];
  lengths: readonly number[];
}

// Issuer identification numbers as published by the card networks (ranges as inclusive numeric prefixes).
const ISSUERS: readonly Issuer[] = [
  { name: "amex", prefixes: ["34", "37"], lengths: [15] },
  { name: "visa", prefixes: ["4"], lengths: [13, 16, 19] },
  {
    name: "mastercard",
    prefixes: [
      [51, 55],
      [2221, 2720],
    ],
    lengths: [16],
  },
  { name: "discover", prefixes: ["6011", [644, 649], "65", [622126, 622925]], lengths: [16, 17, 18, 19] },
  { name: "diners", prefixes: [[300, 305], "3095", "36", [38, 39]], lengths: [14, 15, 16, 17, 18, 19] },
  { name: "jcb", prefixes: [[3528, 3589]], lengths: [16, 17, 18, 19] },
  // JCB's older 15-digit numbers.
  { name: "jcb", prefixes: ["1800", "2131"], lengths: [15] },
  { name: "unionpay", prefixes: ["62"], lengths: [16, 17, 18, 19] },
  { name: "maestro", prefixes: ["50", [56, 58], "6"], lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

function matchesPrefix(digits: string, prefix: string | readonly [number, number]): boolean {
  if (typeof prefix === "string") return digits.startsWith(prefix);
  const [low, high] = prefix;
  const head = Number(digits.slice(0, String(low).length));
  return head >= low && head <= high;
}

/** The issuer whose prefix and length fit, or undefined. */
export function cardIssuer(digits: string): string | undefined {
  return ISSUERS.find(
    (i) => i.lengths.includes(digits.length) && i.prefixes.some((p) => matchesPrefix(digits, p)),
  )?.name;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export const detectCreditCards: Detector = (text) => {
  const found = [];
  for (const m of text.matchAll(CARD)) {
    const start = m.index;
    const end = start + m[0].length;
    const digits = m[0].replace(/[ -]/g, "");
    // A run of one repeated digit passes Luhn for some lengths but is filler, not a card.
    if (/^(\d)\1+$/.test(digits) || digits.startsWith("12345678") || !luhnValid(digits)) continue;
    const issuer = cardIssuer(digits);
    const context = findContext(text, start, end, CARD_CONTEXT);
    // A Luhn-valid number outside the published ranges counts only when a card word announces it
    // (test card generators and small networks use prefixes the table does not hold).
    if (issuer === undefined && (context === undefined || digits.length < 13)) continue;
    // Grouped printing is how cards are written; an unbroken run could be any long reference.
    const base = issuer === undefined ? 0.5 : m[0].length > digits.length ? 0.85 : 0.7;
    found.push(
      makeEntity("credit_card", text, start, end, withContext(base, context, 0.14), {
        normalized: digits,
        context,
      }),
    );
  }
  return found;
};
