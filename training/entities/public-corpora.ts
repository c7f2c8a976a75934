// Labeled corpora this project did not write (training/entities/corpora/README.md names each, its
// licence and where it came from), read into one shape: a text, the spans scored, and the spans
// labeled with types the extractor does not produce, so that a prediction inside a street address
// or a nationality is neither credited nor blamed.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { EntityType } from "../../runtime/ai/entities/index.ts";

export interface CorpusSpan {
  type: EntityType;
  start: number;
  end: number;
}

export interface CorpusDocument {
  id: string;
  text: string;
  spans: CorpusSpan[];
  /** Labeled regions of types not scored (addresses, titles, MISC): predictions touching them are dropped. */
  ignored: { start: number; end: number }[];
}

export interface Corpus {
  name: string;
  licence: string;
  /** Entity types the corpus labels: predictions of any other type are not scored on it. */
  scored: readonly EntityType[];
  dev: CorpusDocument[];
  test: CorpusDocument[];
}

const here = (file: string) => fileURLToPath(new URL(`./corpora/${file}`, import.meta.url));

// ---------------------------------------------------------------------------------------------
// Presidio's synthetic PII sentences (microsoft/presidio-research, data/synth_dataset_v2.json, MIT)

const PRESIDIO_TYPES: Readonly<Record<string, EntityType>> = {
  PERSON: "person",
  ORGANIZATION: "organization",
  GPE: "location",
  LOCATION: "location",
  PHONE_NUMBER: "phone",
  DATE_TIME: "date",
  CREDIT_CARD: "credit_card",
  IBAN_CODE: "iban",
  US_SSN: "ssn",
  EMAIL_ADDRESS: "email",
  IP_ADDRESS: "ip_address",
};

interface PresidioSample {
  full_text: string;
  spans: { entity_type: string; start_position: number; end_position: number }[];
  template_id: number;
}

/**
 * Split by template, not by sentence: a sentence of the test half never shares its wording with
 * one of the development half, so rules written while looking at the development errors cannot
 * have learnt the test sentences' phrasing.
 */
export function presidioCorpus(): Corpus {
  const samples = JSON.parse(
    gunzipSync(readFileSync(here("presidio-synth-dataset-v2.json.gz"))).toString("utf8"),
  ) as PresidioSample[];
  const dev: CorpusDocument[] = [];
  const test: CorpusDocument[] = [];
  samples.forEach((sample, i) => {
    const doc: CorpusDocument = { id: `presidio-${i}`, text: sample.full_text, spans: [], ignored: [] };
    for (const s of sample.spans) {
      const type = PRESIDIO_TYPES[s.entity_type];
      if (type) doc.spans.push({ type, start: s.start_position, end: s.end_position });
      else doc.ignored.push({ start: s.start_position, end: s.end_position });
    }
    (sample.template_id % 2 === 0 ? dev : test).push(doc);
  });
  return {
    name: "presidio-synth-v2",
    licence: "MIT",
    scored: [...new Set(Object.values(PRESIDIO_TYPES))],
    dev,
    test,
  };
}

// ---------------------------------------------------------------------------------------------
// CoNLL-format NER: one token per line, the tag last, blank lines between sentences.

const CONLL_TYPES: Readonly<Record<string, EntityType>> = {
  PER: "person",
  ORG: "organization",
  LOC: "location",
};

// Defined terms that the SEC-filings annotators tagged PER ("the Borrower", "Lender"): a party's
// role, not a name, and not personal data. They are left out of the score, as MISC is.
const ROLE_WORDS = /^(?:borrowers?|lenders?)$/i;

const NO_SPACE_BEFORE = /^(?:[.,;:!?%)\]}]|'s|n't|'re|'ll|'ve|'d|'m)$/i;
const NO_SPACE_AFTER = /^[([{$]$/;

/** Rebuilds text from tokens (readable spacing) and returns documents split at -DOCSTART- lines. */
export function parseConll(raw: string, idPrefix: string): CorpusDocument[] {
  const docs: CorpusDocument[] = [];
  let text = "";
  let spans: CorpusSpan[] = [];
  let ignored: { start: number; end: number }[] = [];
  let open: { tag: string; start: number; end: number } | undefined;
  let previous = "";
  let lineStart = true;
  const close = () => {
    if (!open) return;
    const type = CONLL_TYPES[open.tag];
    const value = text.slice(open.start, open.end);
    if (type && !(type === "person" && ROLE_WORDS.test(value))) {
      spans.push({ type, start: open.start, end: open.end });
    } else {
      ignored.push({ start: open.start, end: open.end });
    }
    open = undefined;
  };
  const flush = () => {
    close();
    // The tokenizer split "David A. Ephraim" into "David A", "." and "Ephraim" and the annotators
    // tagged the dot O: one name, joined again.
    spans = spans.reduce<CorpusSpan[]>((out, span) => {
      const last = out.at(-1);
      if (
        last &&
        last.type === span.type &&
        /^\p{Lu}$/u.test(text[last.end - 1] ?? "") &&
        /^\. ?$/.test(text.slice(last.end, span.start))
      ) {
        last.end = span.end;
      } else out.push(span);
      return out;
    }, []);
    if (text.trim() !== "") docs.push({ id: `${idPrefix}-${docs.length}`, text, spans, ignored });
    text = "";
    spans = [];
    ignored = [];
    lineStart = true;
  };
  for (const line of raw.split("\n")) {
    const columns = line.trim().split(/\s+/);
    const token = columns[0] ?? "";
    if (token === "-DOCSTART-") {
      flush();
      continue;
    }
    if (token === "") {
      close();
      if (!lineStart) text += "\n";
      lineStart = true;
      previous = "";
      continue;
    }
    const tag = columns.at(-1) ?? "O";
    const glue = lineStart || NO_SPACE_BEFORE.test(token) || NO_SPACE_AFTER.test(previous);
    if (!glue) text += " ";
    const start = text.length;
    text += token;
    lineStart = false;
    previous = token;
    const [prefix, kind] = tag === "O" ? ["O", ""] : (tag.split("-") as [string, string]);
    if (prefix === "O") {
      close();
    } else if (open && open.tag === kind && prefix === "I") {
      open.end = text.length;
    } else {
      close();
      open = { tag: kind, start, end: text.length };
    }
  }
  flush();
  return docs;
}

/** SEC filings (loan and credit agreements): FIN5 is the authors' training file, FIN3 their test file. */
export function secFilingsCorpus(): Corpus {
  return {
    name: "sec-filings",
    licence: "CC BY 3.0",
    scored: ["person", "organization", "location"],
    dev: parseConll(readFileSync(here("sec-filings-FIN5.conll.txt"), "utf8"), "sec-fin5"),
    test: parseConll(readFileSync(here("sec-filings-FIN3.conll.txt"), "utf8"), "sec-fin3"),
  };
}

/** WikiGold (Wikipedia articles): documents alternate between the halves. */
export function wikigoldCorpus(): Corpus {
  const docs = parseConll(readFileSync(here("wikigold.conll.txt"), "utf8"), "wikigold");
  return {
    name: "wikigold",
    licence: "CC BY 4.0",
    scored: ["person", "organization", "location"],
    dev: docs.filter((_, i) => i % 2 === 0),
    test: docs.filter((_, i) => i % 2 === 1),
  };
}

export const PUBLIC_CORPORA = {
  presidio: presidioCorpus,
  sec: secFilingsCorpus,
  wikigold: wikigoldCorpus,
} as const;
export type PublicCorpusName = keyof typeof PUBLIC_CORPORA;
