import { describe, expect, it } from "vitest";
import { contentDisposition, parseRange } from "./content-response.ts";

describe("parseRange", () => {
  it.each([
    [undefined, undefined],
    ["bytes=0-9", { start: 0, end: 9 }],
    ["bytes=90-", { start: 90, end: 99 }],
    ["bytes=90-500", { start: 90, end: 99 }],
    ["bytes=-10", { start: 90, end: 99 }],
    ["bytes=-500", { start: 0, end: 99 }],
    ["bytes=100-", "unsatisfiable"],
    ["bytes=9-3", "unsatisfiable"],
    ["bytes=-0", "unsatisfiable"],
    // Multiple ranges and other units are ignored: the whole body is served (RFC 9110 14.2).
    ["bytes=0-1,5-6", undefined],
    ["items=0-1", undefined],
  ])("%s of 100 bytes → %j", (header, expected) => {
    expect(parseRange(header, 100)).toEqual(expected);
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name (RFC 6266)", () => {
    expect(contentDisposition("Q1 – Bericht.pdf")).toBe(
      `attachment; filename="Q1 _ Bericht.pdf"; filename*=UTF-8''Q1%20%E2%80%93%20Bericht.pdf`,
    );
    expect(contentDisposition(`a"b;c%d'e.txt`)).toBe(
      `attachment; filename="a_b_c_d'e.txt"; filename*=UTF-8''a%22b%3Bc%25d%27e.txt`,
    );
  });
});
