import { describe, expect, it } from "vitest";
import { categorySegment } from "./category.ts";
import { deletionBlocker } from "./retention.ts";

const now = new Date("2026-06-01T00:00:00Z");
const doc = { legalHold: false, retainUntil: null, createdAt: new Date("2026-05-01T00:00:00Z") };

describe("deletionBlocker", () => {
  it("names the field that blocks deletion, hold first", () => {
    expect(
      deletionBlocker({ ...doc, legalHold: true, retainUntil: new Date("2027-01-01Z") }, undefined, now)
        ?.field,
    ).toBe("legal_hold");
    expect(
      deletionBlocker({ ...doc, retainUntil: new Date("2026-06-02T00:00:00Z") }, undefined, now)?.field,
    ).toBe("retain_until");
    expect(deletionBlocker(doc, { name: "Tax", retentionDays: 60 }, now)).toEqual({
      field: "category_id",
      message: 'category "Tax" retains documents for 60 days, until 2026-06-30T00:00:00.000Z',
    });
  });

  it("lets a document go once every period has passed", () => {
    expect(
      deletionBlocker({ ...doc, retainUntil: new Date("2026-05-31T00:00:00Z") }, undefined, now),
    ).toBeUndefined();
    expect(deletionBlocker(doc, { name: "Short", retentionDays: 30 }, now)).toBeUndefined();
    expect(deletionBlocker(doc, { name: "None", retentionDays: null }, now)).toBeUndefined();
  });
});

describe("categorySegment", () => {
  it("slugs the name into a valid key segment, falling back to the id", () => {
    expect(categorySegment(undefined)).toBe("uncategorized");
    expect(categorySegment({ id: "c1", name: "Board Minutes & Notes" })).toBe("board-minutes-notes");
    expect(categorySegment({ id: "c1", name: "Verträge" })).toBe("vertrage");
    expect(categorySegment({ id: "4f1c2d3e", name: "契約" })).toBe("4f1c2d3e");
  });
});
