// Seeded splits and the usual classification scores. Everything here is deterministic for a given
// seed so the evaluation and the tests report the same numbers on every run.

/** mulberry32: small, fast and good enough to shuffle a corpus reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function byLabel<T extends { label: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.label, [...(groups.get(item.label) ?? []), item]);
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Holds out `fraction` of every label (rounded, at least one when a label has two or more). */
export function stratifiedSplit<T extends { label: string }>(
  items: readonly T[],
  fraction: number,
  seed: number,
) {
  const random = seededRandom(seed);
  const train: T[] = [];
  const test: T[] = [];
  for (const group of byLabel(items).values()) {
    const mixed = shuffled(group, random);
    const held = group.length < 2 ? 0 : Math.max(1, Math.round(group.length * fraction));
    test.push(...mixed.slice(0, held));
    train.push(...mixed.slice(held));
  }
  return { train, test };
}

/** k folds with every label spread as evenly as its count allows (sizes differ by at most one). */
export function stratifiedFolds<T extends { label: string }>(
  items: readonly T[],
  k: number,
  seed: number,
): T[][] {
  const random = seededRandom(seed);
  const folds: T[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const group of byLabel(items).values()) {
    // Continuing the round robin across labels keeps the folds' total sizes balanced too.
    for (const item of shuffled(group, random)) {
      (folds[next % k] as T[]).push(item);
      next++;
    }
  }
  return folds;
}

export interface LabelScore {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Scores {
  accuracy: number;
  examples: number;
  labels: LabelScore[];
  /** confusion[actual][predicted] = count; labels in `labels` order plus any predicted-only label. */
  confusion: Record<string, Record<string, number>>;
}

/** Scores (actual, predicted) pairs; a prediction of a label nobody has (e.g. "unknown") counts as a miss. */
export function score(pairs: readonly { actual: string; predicted: string }[]): Scores {
  const labels = [...new Set(pairs.map((p) => p.actual))].sort();
  const columns = [
    ...labels,
    ...[...new Set(pairs.map((p) => p.predicted))].filter((l) => !labels.includes(l)).sort(),
  ];
  const confusion: Record<string, Record<string, number>> = {};
  for (const row of labels) confusion[row] = Object.fromEntries(columns.map((c) => [c, 0]));
  for (const { actual, predicted } of pairs) {
    const row = confusion[actual] as Record<string, number>;
    row[predicted] = (row[predicted] ?? 0) + 1;
  }
  const correct = pairs.filter((p) => p.actual === p.predicted).length;
  return {
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    examples: pairs.length,
    confusion,
    labels: labels.map((label) => {
      const tp = pairs.filter((p) => p.actual === label && p.predicted === label).length;
      const predicted = pairs.filter((p) => p.predicted === label).length;
      const support = pairs.filter((p) => p.actual === label).length;
      const precision = predicted === 0 ? 0 : tp / predicted;
      const recall = support === 0 ? 0 : tp / support;
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return { label, support, precision, recall, f1 };
    }),
  };
}
