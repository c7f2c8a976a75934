// The labeled corpus: one JSON Lines file per document type, {"id", "source", "text"} per line. The
// label is the file's name, so an example cannot carry a label the document types do not declare.
// `source` says whether the example was written one by one ("handwritten") or composed by the
// corpus generator from hand-written fragments ("generated"); the evaluation scores both.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DOCUMENT_TYPES, type DocumentType } from "../../runtime/ai/document-types.ts";

export const CORPUS_DIR = fileURLToPath(new URL("./corpus/", import.meta.url));

export const CORPUS_SOURCES = ["handwritten", "generated"] as const;

export interface CorpusExample {
  id: string;
  label: DocumentType;
  source: (typeof CORPUS_SOURCES)[number];
  text: string;
}

export function parseCorpusFile(jsonl: string, label: DocumentType, source: string): CorpusExample[] {
  return jsonl
    .split("\n")
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== "")
    .map(({ line, number }) => {
      const entry = JSON.parse(line) as { id?: unknown; source?: unknown; text?: unknown };
      if (typeof entry.id !== "string" || typeof entry.text !== "string" || entry.text.trim() === "") {
        throw new Error(
          `${source}:${number}: expected {"id": string, "source": string, "text": non-empty string}`,
        );
      }
      if (!CORPUS_SOURCES.includes(entry.source as CorpusExample["source"])) {
        throw new Error(`${source}:${number}: source must be one of ${CORPUS_SOURCES.join(", ")}`);
      }
      return { id: entry.id, label, source: entry.source as CorpusExample["source"], text: entry.text };
    });
}

export function loadCorpus(dir = CORPUS_DIR): CorpusExample[] {
  const examples = DOCUMENT_TYPES.flatMap((label) => {
    const path = `${dir}${label}.jsonl`;
    return parseCorpusFile(readFileSync(path, "utf8"), label, path);
  });
  const seen = new Set<string>();
  for (const e of examples) {
    if (seen.has(e.id)) throw new Error(`corpus: duplicate example id ${e.id}`);
    seen.add(e.id);
  }
  return examples;
}

/** Lower-cased words and numbers of a text: the unit of the near-duplicate check. */
export function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Pairs of examples whose word sets overlap more than `limit`, most similar first. */
export function nearDuplicates(examples: readonly CorpusExample[], limit: number) {
  const sets = examples.map((e) => wordSet(e.text));
  const pairs: { a: string; b: string; similarity: number }[] = [];
  for (let i = 0; i < examples.length; i++) {
    for (let j = i + 1; j < examples.length; j++) {
      const similarity = jaccard(sets[i] as Set<string>, sets[j] as Set<string>);
      if (similarity > limit)
        pairs.push({
          a: (examples[i] as CorpusExample).id,
          b: (examples[j] as CorpusExample).id,
          similarity,
        });
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity);
}
