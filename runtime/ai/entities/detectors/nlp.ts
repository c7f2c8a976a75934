// wink-nlp with its English lite model: the statistical recognizer catches date and amount phrasings
// the patterns do not ("January 2024", "1.2 million dollars"). Its other entity types (CARDINAL,
// ORDINAL, PERCENT, TIME, DURATION, EMAIL, URL, HASHTAG, MENTION, EMOJI) are not used: the dedicated
// detectors are stricter, and the model has no PERSON, ORG or location types.

import model from "wink-eng-lite-web-model";
import winkNLP, { type WinkMethods } from "wink-nlp";
import { makeEntity } from "../context.ts";
import type { Detector, Entity } from "../types.ts";
import { isoDate } from "./date.ts";

let nlp: WinkMethods | undefined;
function load(): WinkMethods {
  nlp ??= winkNLP(model);
  return nlp;
}

const MONTH_YEAR = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,? (\d{4})$/i;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function normalizeDate(value: string): string | undefined {
  const m = MONTH_YEAR.exec(value);
  if (!m) return undefined;
  const month = MONTHS.indexOf((m[1] ?? "").toLowerCase()) + 1;
  return isoDate(Number(m[2]), month, 1)?.slice(0, 7);
}

/** Date (with a year) and money spans from wink's recognizer, at a lower confidence than the patterns. */
export const detectWithNlp: Detector = (text) => {
  const winkNlp = load();
  // wink's tokenizer is quadratic in the length of a single token (a megabyte without spaces takes
  // minutes). Blanking tokens longer than any date or amount phrase keeps every offset and costs
  // no entity the model would find.
  const doc = winkNlp.readDoc(text.replace(/\S{48,}/g, (long) => " ".repeat(long.length)));
  const its = winkNlp.its;
  // Token offsets: wink keeps each token's text and the whitespace before it, so walking the
  // tokens in order recovers where each one starts.
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const starts: number[] = [];
  const ends: number[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? "";
    const at = text.indexOf(value, cursor + (spaces[i]?.length ?? 0));
    const start = at === -1 ? cursor : at;
    starts.push(start);
    ends.push(start + value.length);
    cursor = start + value.length;
  }
  const found: Entity[] = [];
  const details = doc.entities().out(its.detail) as unknown as { type: string }[];
  const spans = doc.entities().out(its.span) as unknown as [number, number][];
  details.forEach((detail, i) => {
    const span = spans[i];
    if (!span) return;
    const start = starts[span[0]];
    const end = ends[span[1]];
    if (start === undefined || end === undefined) return;
    const value = text.slice(start, end);
    // Only phrasings with a month name and a year: the model also calls bare numbers such as
    // "2031" dates, and numeric dates are the stricter patterns' job.
    if (detail.type === "DATE" && /\b\d{4}\b/.test(value) && /[A-Za-z]{3}/.test(value)) {
      found.push(makeEntity("date", text, start, end, 0.6, { normalized: normalizeDate(value) }));
    } else if (detail.type === "MONEY" && /\d/.test(value)) {
      found.push(makeEntity("money", text, start, end, 0.6));
    }
  });
  return found;
};
