import { describe, expect, it } from "vitest";
import { extractEntities } from "./entities.ts";

// Inputs shaped to make a backtracking or quadratic pattern run for hours at 1 MB: long runs of
// the characters each detector's pattern accepts, with the terminator it needs missing. Linear
// detectors finish each in seconds; the timeout is only there so a regression fails instead of hanging.
const MB = 1_000_000;
const inputs: [string, string][] = [
  ["a digit run", "7".repeat(MB)],
  ["digits and spaces", "12 ".repeat(MB / 3)],
  ["hyphenated digit groups", "1234-".repeat(MB / 5)],
  ["one long word", "a".repeat(MB)],
  ["an email local part without a domain", `${"a.".repeat(MB / 2)}@`],
  ["a domain without a TLD", `x@${"a-".repeat(MB / 2)}`],
  ["hex groups and colons", "ab:".repeat(MB / 3)],
  ["dotted numbers", "1.".repeat(MB / 2)],
  ["slashed numbers", "12/".repeat(MB / 3)],
  ["IBAN-like groups", "DE89 ".repeat(MB / 5)],
  ["thousands separators", "1,000 ".repeat(MB / 6)],
  ["capitalized words joined by particles", "Xqzv de ".repeat(MB / 8)],
  ["NUL bytes", "\u0000".repeat(MB)],
  ["letters and NUL bytes", "Ab\u0000".repeat(MB / 3)],
  ["astral-plane characters", "\u{1F600}".repeat(MB / 2)],
  ["colons and digits", "1:2".repeat(MB / 3)],
];

// Inputs full of what the new detectors look for: each must finish (the date windows, the phone
// checks in every country and the name runs are bounded), and every span must be the text at its offsets.
const busy: [string, string][] = [
  ["names", "John Smith met Anna Keller. ".repeat(MB / 28)],
  ["month names", "May 1st ".repeat(MB / 8)],
  ["announced foreign phone numbers", "Tel: 0490 75 40 81 ".repeat(MB / 19)],
  ["relative dates", "next Tuesday ".repeat(MB / 13)],
  ["capitalized words no list knows", "Xqzv ".repeat(MB / 5)],
];

describe("extractEntities on 1 MB adversarial inputs", () => {
  it.each(inputs)(
    "finishes on %s",
    (_, text) => {
      expect(extractEntities(text)).toEqual([]);
    },
    60_000,
  );

  it.each(busy)(
    "finishes on 1 MB of %s with exact offsets",
    (_, text) => {
      const found = extractEntities(text);
      expect(found.length).toBeGreaterThan(0);
      for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
    },
    120_000,
  );

  it("finds every entity in 1 MB of repeated realistic text", () => {
    const line =
      "Card 4111 1111 1111 1111, SSN 536-22-1987, mail a.b@example.com, on 12 March 2024 paid $1,250.00. ";
    const repeats = Math.floor(MB / line.length);
    const found = extractEntities(line.repeat(repeats));
    expect(found.length).toBe(repeats * 5);
  }, 60_000);
});
