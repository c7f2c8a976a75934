// Dates and amounts as written in documents, found and rewritten in the template's formats.
// Day-first vs month-first numeric dates are ambiguous; the caller says which convention the
// document follows, and a numeric date that is invalid under it is reported, not guessed.

export interface FoundFormat {
  kind: "date" | "amount";
  start: number;
  end: number;
  text: string;
  /** The standard form, or undefined when the value is not valid (e.g. 31/02/2024). */
  normalized: string | undefined;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const monthIndex = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3)));

// Each alternative is anchored on word boundaries and has bounded repetition: linear time.
const DATE = new RegExp(
  [
    String.raw`\b(\d{4})-(\d{2})-(\d{2})\b`,
    String.raw`\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b`,
    String.raw`\b(\d{1,2})(?:st|nd|rd|th)? ${MONTH}\.?,? (\d{4})\b`,
    String.raw`\b${MONTH}\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b`,
  ].join("|"),
  "gi",
);

const SYMBOLS: Record<string, string> = { $: "USD", "€": "EUR", "£": "GBP", "¥": "JPY", CHF: "CHF" };
const AMOUNT =
  /(?:([$€£¥])\s?|\b(USD|EUR|GBP|JPY|CHF|CAD|AUD)\s?)(\d{1,3}(?:[,\s]\d{3})+|\d+)(?:\.(\d{1,2}))?\b|\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s?(USD|EUR|GBP|JPY|CHF|CAD|AUD)\b/g;

function iso(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function findDates(text: string, { dayFirst = true }: { dayFirst?: boolean } = {}): FoundFormat[] {
  const out: FoundFormat[] = [];
  for (const m of text.matchAll(DATE)) {
    const g = m.slice(1);
    let normalized: string | undefined;
    if (g[0]) normalized = iso(Number(g[0]), Number(g[1]), Number(g[2]));
    else if (g[3]) {
      const [a, b] = [Number(g[3]), Number(g[4])];
      normalized = dayFirst ? iso(Number(g[5]), b, a) : iso(Number(g[5]), a, b);
    } else if (g[6]) normalized = iso(Number(g[8]), monthIndex(g[7] ?? "") + 1, Number(g[6]));
    else if (g[9]) normalized = iso(Number(g[11]), monthIndex(g[9] ?? "") + 1, Number(g[10]));
    out.push({ kind: "date", start: m.index, end: m.index + m[0].length, text: m[0], normalized });
  }
  return out;
}

export function findAmounts(text: string): FoundFormat[] {
  const out: FoundFormat[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const code = m[1] ? SYMBOLS[m[1]] : (m[2] ?? m[7]);
    const whole = (m[3] ?? m[5] ?? "").replace(/[,\s]/g, "");
    const grouped = Number(whole).toLocaleString("en-US");
    // Yen has no minor unit; every other listed currency has two.
    const minor = code === "JPY" ? "" : `.${(m[4] ?? m[6] ?? "").padEnd(2, "0")}`;
    out.push({
      kind: "amount",
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      normalized: `${code} ${grouped}${minor}`,
    });
  }
  return out;
}
