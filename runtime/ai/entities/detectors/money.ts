// Monetary amounts: a currency symbol, ISO 4217 code or currency word before or after a number with
// thousands separators (1,250.00 / 1.250,00 / 1'250 / 1 250) and an optional scale word.
import { findContext, makeEntity, withContext } from "../context.ts";
import type { Detector, Entity } from "../types.ts";

const SYMBOLS: Record<string, string> = {
  $: "USD",
  US$: "USD",
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₹": "INR",
  C$: "CAD",
  CA$: "CAD",
  A$: "AUD",
  AU$: "AUD",
  HK$: "HKD",
  S$: "SGD",
  "Fr.": "CHF",
  R$: "BRL",
};
const CODES = [
  "USD",
  "EUR",
  "GBP",
  "JPY",
  "CHF",
  "CAD",
  "AUD",
  "INR",
  "CNY",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "SGD",
  "HKD",
  "NZD",
  "ZAR",
  "MXN",
  "BRL",
];
const WORDS: Record<string, string> = {
  dollars: "USD",
  dollar: "USD",
  euros: "EUR",
  euro: "EUR",
  pounds: "GBP",
  "pounds sterling": "GBP",
  yen: "JPY",
  "swiss francs": "CHF",
  francs: "CHF",
};
const SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const byLength = (a: string, b: string) => b.length - a.length;
const SYMBOL = Object.keys(SYMBOLS).sort(byLength).map(escapeRegExp).join("|");
const CODE = CODES.join("|");
const WORD = Object.keys(WORDS).sort(byLength).join("|");
const SCALE = Object.keys(SCALES).sort(byLength).join("|");
// Grouped thousands (one separator kind, checked in code) or a plain number, each with up to 2 decimals.
const AMOUNT =
  "\\d{1,3}(?:[,.'\\u00A0 ]\\d{3}){1,6}(?:[.,]\\d{1,2})?(?!\\d)|\\d{1,15}(?:[.,]\\d{1,2})?(?!\\d)";

const MONEY = new RegExp(
  [
    `(?<![\\w$€£¥₹])(?<pre>${SYMBOL}|(?:${CODE})(?![A-Za-z]))[ \\u00A0]?(?<a1>${AMOUNT})(?:[ ]?(?<s1>${SCALE})(?![A-Za-z]))?`,
    `(?<![\\w.,])(?<a2>${AMOUNT})(?:[ ]?(?<s2>${SCALE})(?![A-Za-z]))?[ \\u00A0]?(?<post>${SYMBOL}|(?:${CODE}|${WORD})(?![A-Za-z]))`,
  ].join("|"),
  "gi",
);
export const MONEY_CONTEXT =
  /\b(?:amount|total|balance|paid|pay|payment|fee|fees|price|sum|principal|salary|invoice|due|owed|debit|credit)\b/gi;

/** The amount as a number, or undefined when separators are inconsistent ("1,250.000,5"). */
export function parseAmount(raw: string): number | undefined {
  const decimal = /[.,](\d{1,2})$/.exec(raw);
  const whole = decimal ? raw.slice(0, decimal.index) : raw;
  const separators = new Set(whole.replace(/\d/g, ""));
  if (separators.size > 1) return undefined;
  if (decimal && separators.has(raw[decimal.index] ?? "")) return undefined;
  const n = Number(`${whole.replace(/\D/g, "")}${decimal ? `.${decimal[1]}` : ""}`);
  return Number.isFinite(n) ? n : undefined;
}

function currencyOf(token: string): string | undefined {
  const upper = token.toUpperCase();
  if (CODES.includes(upper)) return upper;
  return SYMBOLS[token] ?? WORDS[token.toLowerCase()];
}

export const detectMoney: Detector = (text) => {
  const found: Entity[] = [];
  for (const m of text.matchAll(MONEY)) {
    const g = m.groups ?? {};
    const currencyToken = g.pre ?? g.post ?? "";
    const currency = currencyOf(currencyToken);
    const amount = parseAmount(g.a1 ?? g.a2 ?? "");
    if (currency === undefined || amount === undefined) continue;
    const scale = SCALES[(g.s1 ?? g.s2 ?? "").toLowerCase()] ?? 1;
    // "500 m" after a number is as likely metres as millions: only scale words next to a symbol count.
    if ((g.s2 ?? "").toLowerCase() === "m" && g.post === undefined) continue;
    const start = m.index;
    const end = start + m[0].length;
    const context = findContext(text, start, end, MONEY_CONTEXT);
    const base = currencyToken in WORDS || currencyToken.toLowerCase() in WORDS ? 0.8 : 0.85;
    found.push(
      makeEntity("money", text, start, end, withContext(base, context, 0.1), {
        normalized: `${currency} ${(amount * scale).toFixed(2)}`,
        context,
      }),
    );
  }
  return found;
};
