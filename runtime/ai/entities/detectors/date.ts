// Calendar dates: ISO 8601, numeric day/month/year in either order, and written-out months
// ("12 March 2024", "March 12, 2024", "12-Mar-2024"). A match must be a real calendar day.
import { findContext, makeEntity, withContext } from "../context.ts";
import type { Detector, Entity, ResolvedOptions } from "../types.ts";

const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const ORDINAL = "(?:st|nd|rd|th)?";

const ISO =
  /(?<![\d/-])(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d]|[-/]\d)/g;
const NUMERIC = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[/.-]\d)/g;
// "12 March 2024", "1st of May 2024", "12-Mar-2024" and the deed form "20th day of May, 2024".
const DAY_MONTH_YEAR = new RegExp(
  `(?<![\\w])(\\d{1,2})${ORDINAL}(?: day)?(?: of)?[ -]${MONTH}\\.?,?[ -](\\d{4})(?!\\d)`,
  "gi",
);
const MONTH_DAY_YEAR = new RegExp(`(?<![\\w])${MONTH}\\.? (\\d{1,2})${ORDINAL},? (\\d{4})(?!\\d)`, "gi");

// "version 1.2.24" and "build 3.10.2023" have a numeric date's shape.
const VERSION_BEFORE = /\b(?:version|build|release|ver|v)\.? ?$/i;

export const DATE_CONTEXT =
  /\b(?:date of birth|dob|d\.o\.b\.|born|birth ?date|dated|date|effective|due|expir(?:y|es|ation)|as of|signed on|maturity)\b/gi;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** ISO "YYYY-MM-DD" if the parts name a real day between 1900 and 2100, else undefined. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function fullYear(y: string): number {
  // Two-digit years: the sliding window most forms use (00-49 → 2000s, 50-99 → 1900s).
  if (y.length === 4) return Number(y);
  const n = Number(y);
  return n < 50 ? 2000 + n : 1900 + n;
}

/** Reads a numeric a/b/y date; "." separators and impossible months fall back to day-first. */
function numericDate(a: number, b: number, year: number, separator: string, options: ResolvedOptions) {
  const mdy = isoDate(year, a, b);
  const dmy = isoDate(year, b, a);
  const dayFirst = separator === "." || options.dateOrder === "DMY";
  return dayFirst ? (dmy ?? mdy) : (mdy ?? dmy);
}

export const detectDates: Detector = (text, options) => {
  const found: Entity[] = [];
  const push = (start: number, length: number, iso: string | undefined, base: number) => {
    if (iso === undefined) return;
    const end = start + length;
    const context = findContext(text, start, end, DATE_CONTEXT);
    found.push(
      makeEntity("date", text, start, end, withContext(base, context, 0.09), { normalized: iso, context }),
    );
  };
  for (const m of text.matchAll(ISO)) {
    push(m.index, m[0].length, isoDate(Number(m[1]), Number(m[3]), Number(m[4])), 0.85);
  }
  for (const m of text.matchAll(NUMERIC)) {
    if (VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const year = m[4] ?? "";
    const iso = numericDate(Number(m[1]), Number(m[3]), fullYear(year), m[2] ?? "", options);
    push(m.index, m[0].length, iso, year.length === 4 ? 0.8 : 0.6);
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    push(m.index, m[0].length, isoDate(Number(m[3]), monthNumber(m[2] ?? ""), Number(m[1])), 0.9);
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    push(m.index, m[0].length, isoDate(Number(m[3]), monthNumber(m[1] ?? ""), Number(m[2])), 0.9);
  }
  return found;
};
