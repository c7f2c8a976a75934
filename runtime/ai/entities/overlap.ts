// Overlapping candidates from different detectors (a card number is also a long digit run, an SSN
// also nine digits) are resolved to one span per region, the same way on every run.
import { ENTITY_TYPES, type Entity } from "./types.ts";

/**
 * Keeps the strongest of every set of overlapping spans: higher confidence first, then the longer
 * span, then the earlier start, then the type listed first in ENTITY_TYPES. The result is sorted by
 * start offset.
 */
export function resolveOverlaps(candidates: readonly Entity[]): Entity[] {
  const rank = [...candidates].sort(
    (a, b) =>
      b.confidence - a.confidence ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      ENTITY_TYPES.indexOf(a.type) - ENTITY_TYPES.indexOf(b.type),
  );
  // Marking taken characters costs the total span length, where comparing with every kept span
  // would be quadratic in the number of entities of a large document.
  const taken = new Uint8Array(candidates.reduce((max, c) => Math.max(max, c.end), 0));
  const kept: Entity[] = [];
  for (const candidate of rank) {
    if (taken.subarray(candidate.start, candidate.end).includes(1)) continue;
    taken.fill(1, candidate.start, candidate.end);
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
