import { describe, expect, it } from "vitest";
import { extractEntities } from "./entities.ts";
import { RedactionError, redact } from "./redact.ts";

const text =
  "Card 4111 1111 1111 1111, SSN 536-22-1987, IBAN DE89 3704 0044 0532 0130 00, mail jane.doe@example.com, call +1 (415) 555-0132.";
const entities = extractEntities(text, { types: ["credit_card", "ssn", "iban", "email", "phone"] });
const key = "0123456789abcdef-test-key";

describe("redact", () => {
  it("finds the five values the examples below redact", () => {
    expect(entities.map((e) => e.type)).toEqual(["credit_card", "ssn", "iban", "email", "phone"]);
  });

  it("mask keeps the length and the recognisable tail of each value", () => {
    const { text: masked, spans } = redact(text, entities, { mode: "mask" });
    expect(masked).toBe(
      "Card **** **** **** 1111, SSN ***-**-1987, IBAN **** **** **** **** **30 00, mail j***.***@example.com, call +* (***) ***-**32.",
    );
    expect(masked.length).toBe(text.length);
    for (const s of spans) {
      expect([s.start, s.end]).toEqual([s.originalStart, s.originalEnd]);
      expect(masked.slice(s.start, s.end)).toBe(s.replacement);
    }
  });

  it("mask keeps the last four characters of an IBAN across its groups", () => {
    const iban = extractEntities("GB29 NWBK 6016 1331 9268 19", { types: ["iban"] });
    expect(redact("GB29 NWBK 6016 1331 9268 19", iban, { mode: "mask" }).text).toBe(
      "**** **** **** **** **68 19",
    );
  });

  it("type replaces each value with its tag and maps the moved offsets", () => {
    const { text: typed, spans } = redact(text, entities, { mode: "type" });
    expect(typed).toBe("Card [CREDIT_CARD], SSN [SSN], IBAN [IBAN], mail [EMAIL], call [PHONE].");
    for (const s of spans) expect(typed.slice(s.start, s.end)).toBe(s.replacement);
    // Text between spans is unchanged at its new offsets.
    const last = spans.at(-1);
    expect(typed.slice(last?.end)).toBe(text.slice(last?.originalEnd));
  });

  it("hash gives the same tag for the same value however it is printed, and a different one per key", () => {
    const a = extractEntities("4111 1111 1111 1111", { types: ["credit_card"] });
    const b = extractEntities("4111-1111-1111-1111", { types: ["credit_card"] });
    const hashA = redact("4111 1111 1111 1111", a, { mode: "hash", hashKey: key }).text;
    expect(hashA).toMatch(/^\[CREDIT_CARD:[0-9a-f]{12}\]$/);
    expect(redact("4111-1111-1111-1111", b, { mode: "hash", hashKey: key }).text).toBe(hashA);
    expect(redact("4111 1111 1111 1111", a, { mode: "hash", hashKey: `${key}-other` }).text).not.toBe(hashA);
  });

  it("leaves text without entities as it is", () => {
    expect(redact("nothing here", [], { mode: "type" })).toEqual({ text: "nothing here", spans: [] });
  });

  it.each([
    [{ mode: "blur" as "mask" }, 'mode must be one of mask, type, hash, got "blur"'],
    [{ mode: "hash" as const }, 'hashKey must be a secret of at least 16 characters when mode is "hash"'],
    [{ mode: "hash" as const, hashKey: "short" }, "hashKey must be a secret of at least 16 characters"],
    [
      { mode: "mask" as const, maskChar: "x" },
      'maskChar must be one character that is not a letter or digit, got "x"',
    ],
    [{ mode: "mask" as const, maskChar: "##" }, "maskChar must be one character"],
  ])("rejects options %j", (options, message) => {
    expect(() => redact(text, entities, options)).toThrow(RedactionError);
    expect(() => redact(text, entities, options)).toThrow(message);
  });

  it("rejects stale, out-of-range and overlapping entities", () => {
    const [card, ssn] = entities;
    if (!card || !ssn) throw new Error("fixture entities missing");
    expect(() => redact(`X${text}`, [card], { mode: "type" })).toThrow("offsets are stale");
    expect(() => redact("short", [card], { mode: "type" })).toThrow("is outside the text (length 5)");
    const overlapping = { ...ssn, start: card.end - 2, text: text.slice(card.end - 2, ssn.end) };
    expect(() => redact(text, [card, overlapping], { mode: "type" })).toThrow(
      /credit_card .* and ssn .* overlap/,
    );
  });
});
