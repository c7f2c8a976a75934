// Turns a document into the tokens the classifier counts. Values that differ between documents of
// the same type (amounts, dates, reference numbers, addresses) become placeholder tokens, so the
// model learns that an invoice carries amounts and dates rather than which amounts it saw.
import type { ItemEntity, ItemToken, ItsFunction } from "wink-nlp";
import { nlp } from "../summarize/nlp.ts";

/** Bumped whenever the tokens change: a model trained on other tokens is refused on load. */
export const TOKENIZER_VERSION = 1;

// wink's stop word list drops words that carry the document type in this domain.
const KEEP = new Set(["due", "per", "above", "below", "against", "between", "under", "over"]);

const ENTITY_PLACEHOLDERS: Record<string, string> = {
  DATE: "#date",
  TIME: "#date",
  MONEY: "#money",
  PERCENT: "#percent",
  EMAIL: "#email",
  URL: "#url",
  CARDINAL: "#number",
  ORDINAL: "#number",
  DURATION: "#duration",
};

const TYPE_PLACEHOLDERS: Record<string, string> = {
  number: "#number",
  currency: "#money",
  email: "#email",
  url: "#url",
  time: "#date",
  ordinal: "#number",
};

export function documentTokens(text: string): string[] {
  const engine = nlp();
  const its = engine.its;
  const doc = engine.readDoc(text);
  // Each entity becomes one placeholder at its first token; its other tokens are skipped.
  const entityAt = new Map<number, { end: number; token: string }>();
  doc.entities().each((entity: ItemEntity) => {
    const token = ENTITY_PLACEHOLDERS[entity.out(its.type) as string];
    const [start, end] = entity.out(its.span) as unknown as [number, number];
    if (token) entityAt.set(start, { end, token });
  });
  const tokens: string[] = [];
  let skipUntil = -1;
  doc.tokens().each((t: ItemToken, index: number) => {
    if (index <= skipUntil) return;
    const entity = entityAt.get(index);
    if (entity) {
      tokens.push(entity.token);
      skipUntil = entity.end;
      return;
    }
    const type = t.out(its.type) as string;
    const placeholder = TYPE_PLACEHOLDERS[type];
    if (placeholder) {
      tokens.push(placeholder);
      return;
    }
    if (type !== "word") return;
    const normal = t.out(its.normal) as string;
    if (t.out(its.stopWordFlag) && !KEEP.has(normal)) return;
    // Reference numbers, account ids and OCR fragments mixing letters and digits are values too.
    if (/\d/.test(normal)) {
      tokens.push("#code");
      return;
    }
    // The stem helper takes the model's addons, which its published type leaves out of ItsFunction.
    const stem = (t.out(its.stem as unknown as ItsFunction<string>) as string).replace(/[^\p{L}'-]/gu, "");
    if (stem.length >= 2) tokens.push(stem);
  });
  return tokens;
}
