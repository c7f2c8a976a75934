import { describe, expect, it } from "vitest";
import { extractEntities } from "./entities.ts";

describe("wink-nlp dates and amounts", () => {
  it("adds month-year dates and worded amounts the patterns do not cover", () => {
    const text = "The facility opened in January 2023 with 1.2 million dollars of capital.";
    const found = extractEntities(text, { types: ["date", "money"] }).map((e) => [
      e.type,
      e.text,
      e.normalized,
    ]);
    expect(found).toEqual([
      ["date", "January 2023", "2023-01"],
      ["money", "1.2 million dollars", "USD 1200000.00"],
    ]);
    // chrono-node reads "January 2023" too, so the date stays without wink.
    expect(extractEntities(text, { types: ["date"], nlp: false }).map((e) => e.text)).toEqual([
      "January 2023",
    ]);
  });

  it("ignores the bare numbers the model calls dates", () => {
    expect(extractEntities("Room 2031 on floor 12, population 2020.", { types: ["date"] })).toEqual([]);
  });

  it("keeps offsets exact across irregular whitespace", () => {
    const text = "Opened\n\n\tin   January 2023 ,  closed in  March 2024.";
    for (const e of extractEntities(text, { types: ["date"] }))
      expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(extractEntities(text, { types: ["date"] }).map((e) => e.text)).toEqual([
      "January 2023",
      "March 2024",
    ]);
  });
});
