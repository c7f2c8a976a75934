import { describe, expect, it } from "vitest";
import { fBeta, formatTable, matchSpans, overlapRatio, scoreDocuments } from "./metrics.ts";

describe("metrics", () => {
  it("overlapRatio is intersection over union of character ranges", () => {
    expect(overlapRatio({ type: "a", start: 0, end: 10 }, { type: "a", start: 5, end: 15 })).toBeCloseTo(
      5 / 15,
    );
    expect(overlapRatio({ type: "a", start: 0, end: 4 }, { type: "a", start: 4, end: 8 })).toBe(0);
  });

  it("fBeta weighs recall by beta", () => {
    expect(fBeta(0.5, 1, 2)).toBeCloseTo((5 * 0.5) / (4 * 0.5 + 1));
    expect(fBeta(1, 1, 2)).toBe(1);
    expect(fBeta(0, 0, 2)).toBe(0);
  });

  it("matches one-to-one by type and overlap, best overlap first", () => {
    const gold = [{ type: "ssn", start: 0, end: 11 }];
    const predicted = [
      { type: "ssn", start: 0, end: 9 },
      { type: "ssn", start: 0, end: 11 },
      { type: "phone", start: 0, end: 11 },
    ];
    const { matched, missed, spurious } = matchSpans(gold, predicted);
    expect(matched).toEqual(gold);
    expect(missed).toEqual([]);
    expect(spurious).toEqual([predicted[0], predicted[2]]);
  });

  it("computes per-type and micro-averaged scores on a tiny set", () => {
    // Document 1: one card found, one SSN missed. Document 2: one email found, one spurious email,
    // and a phone that overlaps its label by only 2/8 (counts as a miss and a spurious prediction).
    const scores = scoreDocuments([
      {
        gold: [
          { type: "credit_card", start: 0, end: 19 },
          { type: "ssn", start: 30, end: 41 },
        ],
        predicted: [{ type: "credit_card", start: 0, end: 19 }],
      },
      {
        gold: [
          { type: "email", start: 0, end: 10 },
          { type: "phone", start: 20, end: 28 },
        ],
        predicted: [
          { type: "email", start: 0, end: 10 },
          { type: "email", start: 12, end: 18 },
          { type: "phone", start: 26, end: 30 },
        ],
      },
    ]);
    const byType = Object.fromEntries(scores.perType.map((s) => [s.type, s]));
    expect(byType.credit_card).toMatchObject({
      truePositives: 1,
      falsePositives: 0,
      falseNegatives: 0,
      precision: 1,
      recall: 1,
      f2: 1,
    });
    expect(byType.ssn).toMatchObject({ truePositives: 0, falseNegatives: 1, precision: 0, recall: 0, f2: 0 });
    expect(byType.email).toMatchObject({ truePositives: 1, falsePositives: 1, precision: 0.5, recall: 1 });
    expect(byType.email?.f2).toBeCloseTo((5 * 0.5 * 1) / (4 * 0.5 + 1));
    expect(byType.phone).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1 });
    // Overall: tp 2, fp 2, fn 2.
    expect(scores.overall).toMatchObject({
      truePositives: 2,
      falsePositives: 2,
      falseNegatives: 2,
      precision: 0.5,
      recall: 0.5,
    });
    expect(scores.overall.f2).toBeCloseTo(0.5);
    const table = formatTable(scores);
    expect(table.split("\n")[0]).toMatch(/^type\s+gold\s+tp\s+fp\s+fn\s+precision\s+recall\s+F2$/);
    expect(table).toMatch(/\nemail\s+1\s+1\s+1\s+0\s+0\.500\s+1\.000\s+0\.833\n/);
    expect(table.split("\n").at(-1)).toMatch(/^overall\s+4\s+2\s+2\s+2\s+0\.500\s+0\.500\s+0\.500$/);
  });
});
