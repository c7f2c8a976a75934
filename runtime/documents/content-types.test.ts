import { describe, expect, it } from "vitest";
import { ApiError } from "../app/index.ts";
import { ALLOWED_CONTENT_TYPES, checkAllowed, checkMagic, sniff, typeFromName } from "./content-types.ts";

const bytes = (...b: number[]) => Uint8Array.from(b);
const PDF = new TextEncoder().encode("%PDF-1.7");
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04);
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function refusal(fn: () => void): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("not refused");
}

describe("content types", () => {
  it("sniffs the signatures it knows", () => {
    expect([
      sniff(PDF),
      sniff(PNG),
      sniff(JPEG),
      sniff(ZIP),
      sniff(new TextEncoder().encode("hello")),
    ]).toEqual(["pdf", "png", "jpeg", "zip", undefined]);
  });

  it("accepts bytes that match the declared type", () => {
    for (const [type, head] of [
      ["application/pdf", PDF],
      ["image/png", PNG],
      ["image/jpeg", JPEG],
      [DOCX, ZIP],
      ["text/plain", new TextEncoder().encode("plain")],
    ] as const) {
      expect(() => checkMagic(type, head)).not.toThrow();
    }
  });

  it("refuses a declared type the bytes contradict, either way, with 415 naming content_type", () => {
    for (const [type, head] of [
      ["application/pdf", PNG],
      ["image/png", PDF],
      ["image/jpeg", new TextEncoder().encode("text")],
      [DOCX, PDF],
      ["text/plain", ZIP],
      ["text/csv", PDF],
    ] as const) {
      const err = refusal(() => checkMagic(type, head));
      expect([type, err.code, err.details[0]?.field]).toEqual([
        type,
        "UNSUPPORTED_MEDIA_TYPE",
        "content_type",
      ]);
    }
  });

  it("lists the allowed types when refusing one", () => {
    const err = refusal(() => checkAllowed("application/x-sh"));
    expect(err.message).toBe('content type "application/x-sh" is not allowed');
    expect(err.details[0]?.message).toBe(`allowed: ${ALLOWED_CONTENT_TYPES.join(", ")}`);
    expect(ALLOWED_CONTENT_TYPES).toEqual(
      expect.arrayContaining(["application/pdf", DOCX, "text/markdown", "image/tiff"]),
    );
  });

  it("infers a type from an allowed extension only", () => {
    expect([
      typeFromName("a.PDF"),
      typeFromName("b.docx"),
      typeFromName("c.exe"),
      typeFromName("noext"),
    ]).toEqual(["application/pdf", DOCX, undefined, undefined]);
  });
});
