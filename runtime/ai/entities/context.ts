// Context words: a label such as "SSN:" or "routing number" just before (or shortly after) a match
// is the strongest signal that a bare digit run is what its shape suggests.
import type { Entity, EntityType } from "./types.ts";

/** Characters looked at before and after a match. A label is usually within a few words. */
export const CONTEXT_BEFORE = 48;
export const CONTEXT_AFTER = 24;

/**
 * Returns the nearest context word (lowercased) around [start, end), or undefined. `words` must be a
 * global, case-insensitive pattern of bounded alternatives so scanning the window stays linear.
 */
export function findContext(
  text: string,
  start: number,
  end: number,
  words: RegExp,
  before = CONTEXT_BEFORE,
  after = CONTEXT_AFTER,
): string | undefined {
  const head = text.slice(Math.max(0, start - before), start);
  let nearest: string | undefined;
  for (const m of head.matchAll(words)) nearest = m[0];
  if (nearest !== undefined) return nearest.toLowerCase().replace(/\s+/g, " ");
  const tail = text.slice(end, end + after);
  const first = words.exec(tail);
  words.lastIndex = 0;
  return first ? first[0].toLowerCase().replace(/\s+/g, " ") : undefined;
}

/** Text between the nearest preceding context word and the match (for "no other number in between" rules). */
export function textSinceContext(
  text: string,
  start: number,
  words: RegExp,
  before = CONTEXT_BEFORE,
): string {
  const from = Math.max(0, start - before);
  const head = text.slice(from, start);
  let last: RegExpMatchArray | undefined;
  for (const m of head.matchAll(words)) last = m;
  if (!last || last.index === undefined) return head;
  return head.slice(last.index + last[0].length);
}

export function makeEntity(
  type: EntityType,
  text: string,
  start: number,
  end: number,
  confidence: number,
  extra: { normalized?: string; context?: string | undefined } = {},
): Entity {
  const entity: Entity = { type, start, end, text: text.slice(start, end), confidence: round(confidence) };
  if (extra.normalized !== undefined) entity.normalized = extra.normalized;
  if (extra.context !== undefined) entity.context = extra.context;
  return entity;
}

/** Confidence with a context word: most of the way to 1, never 1 (a label can be wrong). */
export function withContext(base: number, context: string | undefined, boost = 0.25): number {
  return context === undefined ? base : Math.min(0.99, base + boost);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
