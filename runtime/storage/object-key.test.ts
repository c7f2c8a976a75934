import { describe, expect, it } from "vitest";
import { objectKey, parseObjectKey, validateKey, validatePrefix } from "./object-key.ts";
import { InvalidKeyError } from "./storage.ts";

const parts = {
  tenant: "acme",
  category: "contracts",
  createdAt: new Date("2026-03-31T23:30:00Z"),
  document: "0b9a6c1e-7f2d-4c3b-9a51-2f6e8d7c4b10",
  version: 3,
};

describe("objectKey", () => {
  it("lays out {tenant}/{category}/{yyyy}/{mm}/{document}/{version} in UTC", () => {
    expect(objectKey(parts)).toBe("acme/contracts/2026/03/0b9a6c1e-7f2d-4c3b-9a51-2f6e8d7c4b10/v3");
  });

  it("round-trips through parseObjectKey", () => {
    expect(parseObjectKey(objectKey(parts))).toEqual({
      tenant: "acme",
      category: "contracts",
      year: 2026,
      month: 3,
      document: parts.document,
      version: 3,
    });
    expect(parseObjectKey("acme/contracts/2026/13/d/v1")).toBeUndefined();
    expect(parseObjectKey("acme/contracts/2026/01/d")).toBeUndefined();
    expect(parseObjectKey("acme/../2026/01/d/v1")).toBeUndefined();
  });

  it.each([
    ["tenant", { tenant: ".." }, 'tenant ".." is not a valid key segment'],
    ["tenant", { tenant: "a/b" }, 'tenant "a/b" is not a valid key segment'],
    ["category", { category: "../etc" }, 'category "../etc" is not a valid key segment'],
    ["category", { category: "" }, 'category "" is not a valid key segment'],
    ["category", { category: "héllo" }, 'category "héllo" is not a valid key segment'],
    ["document", { document: ".hidden" }, 'document ".hidden" is not a valid key segment'],
    ["document", { document: "a\\b" }, 'document "a\\\\b" is not a valid key segment'],
    ["document", { document: "x".repeat(129) }, "document"],
    ["version", { version: 0 }, "version must be a positive integer, got 0"],
    ["version", { version: 1.5 }, "version must be a positive integer, got 1.5"],
    ["createdAt", { createdAt: new Date("nope") }, "createdAt must be a valid Date"],
  ])("rejects a bad %s with a message naming it", (_part, patch, message) => {
    const call = () => objectKey({ ...parts, ...patch });
    expect(call).toThrow(InvalidKeyError);
    expect(call).toThrow(message);
  });
});

describe("validateKey", () => {
  it("accepts layout keys and returns segments", () => {
    expect(validateKey("acme/contracts/2026/03/doc/v1")).toEqual([
      "acme",
      "contracts",
      "2026",
      "03",
      "doc",
      "v1",
    ]);
  });

  it.each([
    ["", "key must not be empty"],
    ["/abs", 'segment 1 "" is not valid'],
    ["a//b", 'segment 2 "" is not valid'],
    ["a/../b", 'segment 2 ".." is not valid'],
    ["a/./b", 'segment 2 "." is not valid'],
    ["a/b/", 'segment 3 "" is not valid'],
    ["a\\..\\b", "segment 1"],
    ["a/b\u0000c", "segment 2"],
    ["a/b c", 'segment 2 "b c" is not valid'],
    ["a/%2e%2e", 'segment 2 "%2e%2e" is not valid'],
    [`${"a/".repeat(600)}a`, "more than 1024"],
  ])("rejects %j", (key, message) => {
    expect(() => validateKey(key)).toThrow(message);
  });

  it("rejects non-strings", () => {
    expect(() => validateKey(42)).toThrow("key must be a string, got number");
  });
});

describe("validatePrefix", () => {
  it("accepts empty, segment-aligned and partial prefixes", () => {
    for (const p of ["", "acme/", "acme/con", "acme/contracts/2026/"]) expect(validatePrefix(p)).toBe(p);
  });
  it("rejects traversal in a prefix", () => {
    expect(() => validatePrefix("acme/../")).toThrow('prefix "acme/../"');
    expect(() => validatePrefix("/")).toThrow(InvalidKeyError);
  });
});
