import { describe, expect, it } from "vitest";
import { documentLatencies, type StepRun, stepPercentiles, stepTable } from "./stats.ts";

const run = (documentId: string, step: string, startedAt: number, finishedAt: number): StepRun => ({
  documentId,
  step,
  startedAt,
  finishedAt,
});

describe("stepPercentiles", () => {
  it("groups durations by step, in the given order, leaving out steps that never ran", () => {
    const runs = [
      ...Array.from({ length: 100 }, (_, i) => run(`d${i}`, "extract", 1000, 1000 + i + 1)),
      run("d0", "classify", 0, 7),
    ];
    const out = stepPercentiles(runs, ["extract", "classify", "notify"]);
    expect([...out.keys()]).toEqual(["extract", "classify"]);
    expect(out.get("extract")).toEqual({ n: 100, p50: 50, p99: 99 });
    expect(out.get("classify")).toEqual({ n: 1, p50: 7, p99: 7 });
  });
});

describe("documentLatencies", () => {
  it("spans each document from its first step's start to its last step's end, sorted", () => {
    const runs = [run("a", "classify", 25, 40), run("a", "extract", 10, 20), run("b", "extract", 5, 9)];
    expect(documentLatencies(runs)).toEqual([4, 30]);
  });
});

describe("stepTable", () => {
  it("shows each configuration's ratio to the first per step", () => {
    const base = new Map([["extract", { n: 1, p50: 2, p99: 4 }]]);
    const slow = new Map([["extract", { n: 1, p50: 3, p99: 12 }]]);
    const out = stepTable(
      "t",
      ["extract", "notify"],
      [
        ["direct", base],
        ["queued", slow],
      ],
    );
    const rows = out.split("\n");
    expect(rows.find((l) => l.startsWith("extract"))?.split(/\s{2,}/)).toEqual([
      "extract",
      "2.00",
      "4.00",
      "3.00 (1.50)",
      "12.00 (3.00)",
    ]);
    expect(rows.find((l) => l.startsWith("notify"))?.split(/\s{2,}/)).toEqual([
      "notify",
      "n/a",
      "n/a",
      "n/a",
      "n/a",
    ]);
  });
});
