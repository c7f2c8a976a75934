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
];

describe("extractEntities on 1 MB adversarial inputs", () => {
  it.each(inputs)(
    "finishes on %s",
    (_, text) => {
      expect(extractEntities(text)).toEqual([]);
    },
    60_000,
  );

  it("finds every entity in 1 MB of repeated realistic text", () => {
    const line =
      "Card 4111 1111 1111 1111, SSN 536-22-1987, mail a.b@example.com, on 12 March 2024 paid $1,250.00. ";
    const repeats = Math.floor(MB / line.length);
    const found = extractEntities(line.repeat(repeats));
    expect(found.length).toBe(repeats * 5);
  }, 60_000);
});
