import { describe, expect, it } from "vitest";
import { extractEntities } from "./entities.ts";
import { resolveOverlaps } from "./overlap.ts";
import type { Entity, EntityType } from "./types.ts";

const span = (type: EntityType, start: number, end: number, confidence: number): Entity => ({
  type,
  start,
  end,
  text: "x".repeat(end - start),
  confidence,
});

describe("resolveOverlaps", () => {
  it("keeps the higher confidence, then the longer span, then the earlier start", () => {
    const strong = span("ssn", 5, 16, 0.9);
    const weak = span("routing_number", 5, 14, 0.6);
    const long = span("phone", 20, 34, 0.7);
    const short = span("account_number", 22, 30, 0.7);
    const early = span("date", 40, 45, 0.8);
    const late = span("money", 43, 48, 0.8);
    expect(resolveOverlaps([weak, short, late, strong, long, early])).toEqual([strong, long, early]);
  });

  it("breaks a full tie by the order of ENTITY_TYPES, whatever the input order", () => {
    const a = span("credit_card", 0, 10, 0.8);
    const b = span("account_number", 0, 10, 0.8);
    expect(resolveOverlaps([a, b])).toEqual([a]);
    expect(resolveOverlaps([b, a])).toEqual([a]);
  });

  it("keeps touching spans (end is exclusive) and sorts by start", () => {
    const a = span("email", 10, 20, 0.9);
    const b = span("phone", 0, 10, 0.7);
    expect(resolveOverlaps([a, b])).toEqual([b, a]);
  });

  it("gives one span per region in extracted text: a labelled routing number beats the SSN reading", () => {
    const found = extractEntities("ABA routing 021000021", { nlp: false, minConfidence: 0 });
    expect(found.map((e) => [e.type, e.text])).toEqual([["routing_number", "021000021"]]);
  });
});
