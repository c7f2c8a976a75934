// Loads the labeled PII fixture set (one JSON document per line) and checks every label against
// its text, so a mislabeled offset fails loudly instead of skewing the scores.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ENTITY_TYPES, type EntityType } from "./types.ts";

export interface LabeledSpan {
  type: EntityType;
  start: number;
  end: number;
  text: string;
}

export interface LabeledDocument {
  id: string;
  text: string;
  spans: LabeledSpan[];
}

export const FIXTURE_PATH = fileURLToPath(new URL("./fixtures/pii-labeled.jsonl", import.meta.url));

export function parseFixtures(jsonl: string, source = "fixtures"): LabeledDocument[] {
  return jsonl
    .split("\n")
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== "")
    .map(({ line, number }) => {
      const where = `${source}:${number}`;
      const doc = JSON.parse(line) as LabeledDocument;
      if (typeof doc.id !== "string" || typeof doc.text !== "string" || !Array.isArray(doc.spans)) {
        throw new Error(`${where}: expected {id, text, spans[]}`);
      }
      for (const span of doc.spans) {
        if (!ENTITY_TYPES.includes(span.type)) {
          throw new Error(
            `${where} (${doc.id}): unknown type ${JSON.stringify(span.type)}; allowed: ${ENTITY_TYPES.join(", ")}`,
          );
        }
        if (doc.text.slice(span.start, span.end) !== span.text) {
          throw new Error(
            `${where} (${doc.id}): span [${span.start}, ${span.end}) is not ${JSON.stringify(span.text)}`,
          );
        }
      }
      return doc;
    });
}

export function loadFixtures(path = FIXTURE_PATH): LabeledDocument[] {
  return parseFixtures(readFileSync(path, "utf8"), path);
}
