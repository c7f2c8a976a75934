// Redaction over extracted spans. "mask" keeps the text's length (every offset into the document
// stays valid) and leaves the tail people use to recognise their own numbers; "type" and "hash"
// replace each span with a tag and report where every span moved.
import { createHmac } from "node:crypto";
import type { Entity, EntityType } from "./types.ts";

export const REDACTION_MODES = ["mask", "type", "hash"] as const;
export type RedactionMode = (typeof REDACTION_MODES)[number];

export interface RedactOptions {
  mode: RedactionMode;
  /** Secret for "hash" mode (at least 16 characters): an unkeyed hash of a 9-digit SSN is reversible by brute force. */
  hashKey?: string;
  /** Replacement character for "mask" mode (default "*"). */
  maskChar?: string;
}

export interface RedactedSpan {
  type: EntityType;
  /** Offsets in the original text. */
  originalStart: number;
  originalEnd: number;
  /** Offsets of the replacement in the redacted text. */
  start: number;
  end: number;
  replacement: string;
}

export interface Redaction {
  text: string;
  spans: RedactedSpan[];
}

export class RedactionError extends Error {
  override name = "RedactionError";
}

/** Characters left readable at the end of a masked value. */
const KEEP_LAST: Partial<Record<EntityType, number>> = {
  credit_card: 4,
  iban: 4,
  account_number: 4,
  ssn: 4,
  phone: 2,
};
const MASKABLE = /[\p{L}\p{N}]/u;

function maskValue(entity: Entity, char: string): string {
  // Per UTF-16 unit, so the masked text keeps its length (surrogate halves are left as they are).
  const chars = entity.text.split("");
  let keep = KEEP_LAST[entity.type] ?? 0;
  let stop = chars.length;
  if (entity.type === "email") stop = Math.max(1, entity.text.indexOf("@"));
  const out = chars.map((c, i) =>
    (i > 0 || entity.type !== "email") && i < stop && MASKABLE.test(c) ? char : c,
  );
  // Unmask the last `keep` letters or digits, walking back over separators.
  for (let i = chars.length - 1; i >= 0 && keep > 0; i--) {
    if (MASKABLE.test(chars[i] ?? "")) {
      out[i] = chars[i] ?? "";
      keep--;
    }
  }
  return out.join("");
}

function checkOptions(options: RedactOptions): void {
  if (!REDACTION_MODES.includes(options.mode)) {
    throw new RedactionError(
      `mode must be one of ${REDACTION_MODES.join(", ")}, got ${JSON.stringify(options.mode)}`,
    );
  }
  if (options.mode === "hash" && (typeof options.hashKey !== "string" || options.hashKey.length < 16)) {
    throw new RedactionError('hashKey must be a secret of at least 16 characters when mode is "hash"');
  }
  const maskChar = options.maskChar ?? "*";
  if ([...maskChar].length !== 1 || MASKABLE.test(maskChar)) {
    throw new RedactionError(
      `maskChar must be one character that is not a letter or digit, got ${JSON.stringify(maskChar)}`,
    );
  }
}

function checkEntities(text: string, entities: readonly Entity[]): Entity[] {
  const sorted = [...entities].sort((a, b) => a.start - b.start || a.end - b.end);
  sorted.forEach((e, i) => {
    if (
      !Number.isInteger(e.start) ||
      !Number.isInteger(e.end) ||
      e.start < 0 ||
      e.end > text.length ||
      e.start >= e.end
    ) {
      throw new RedactionError(
        `entity ${e.type} [${e.start}, ${e.end}) is outside the text (length ${text.length})`,
      );
    }
    if (text.slice(e.start, e.end) !== e.text) {
      throw new RedactionError(
        `entity ${e.type} [${e.start}, ${e.end}) does not match the text: offsets are stale`,
      );
    }
    const previous = sorted[i - 1];
    if (previous && previous.end > e.start) {
      throw new RedactionError(
        `entities ${previous.type} [${previous.start}, ${previous.end}) and ${e.type} [${e.start}, ${e.end}) overlap`,
      );
    }
  });
  return sorted;
}

function replacementFor(entity: Entity, options: RedactOptions): string {
  const tag = entity.type.toUpperCase();
  switch (options.mode) {
    case "mask":
      return maskValue(entity, options.maskChar ?? "*");
    case "type":
      return `[${tag}]`;
    case "hash": {
      // Keyed on the normalized value, so "4111 1111 ..." and "4111-1111-..." hash alike.
      const digest = createHmac("sha256", options.hashKey ?? "")
        .update(`${entity.type}:${entity.normalized ?? entity.text}`)
        .digest("hex");
      return `[${tag}:${digest.slice(0, 12)}]`;
    }
  }
}

/**
 * Replaces every entity's span. Entities must not overlap and must match the text at their offsets
 * (as extractEntities returns them); anything else throws RedactionError naming the entity.
 */
export function redact(text: string, entities: readonly Entity[], options: RedactOptions): Redaction {
  checkOptions(options);
  const parts: string[] = [];
  const spans: RedactedSpan[] = [];
  let cursor = 0;
  let length = 0;
  for (const entity of checkEntities(text, entities)) {
    const kept = text.slice(cursor, entity.start);
    parts.push(kept);
    length += kept.length;
    const replacement = replacementFor(entity, options);
    parts.push(replacement);
    spans.push({
      type: entity.type,
      originalStart: entity.start,
      originalEnd: entity.end,
      start: length,
      end: length + replacement.length,
      replacement,
    });
    length += replacement.length;
    cursor = entity.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(""), spans };
}
