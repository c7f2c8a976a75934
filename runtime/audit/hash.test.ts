import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { canonicalJson, canonicalRow, GENESIS_HASH, type HashedFields, rowHash } from "./hash.ts";

const fields: HashedFields = {
  tenantId: "00000000-0000-4000-8000-000000000001",
  seq: 1,
  occurredAt: new Date("2026-01-01T00:00:00.123Z"),
  actorType: "user",
  actorId: "u1",
  action: "document.create",
  resourceType: "document",
  resourceId: "d1",
  ip: "10.0.0.1",
  userAgent: "curl/8",
  requestId: "r1",
  metadata: { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } },
};

describe("canonical form and hash", () => {
  it("sorts keys at every level so jsonb key order does not matter", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("is sha256 over the canonical row with prev_hash", () => {
    const expected = createHash("sha256").update(canonicalRow(fields, GENESIS_HASH)).digest("hex");
    expect(rowHash(fields, GENESIS_HASH)).toBe(expected);
    expect(canonicalRow(fields, GENESIS_HASH)).toBe(
      `["wspec.audit.v1","${fields.tenantId}",1,"2026-01-01T00:00:00.123Z","user","u1","document.create","document","d1","10.0.0.1","curl/8","r1",{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1},"${GENESIS_HASH}"]`,
    );
  });

  it("changes with any field, the link, or the key", () => {
    const h = rowHash(fields, GENESIS_HASH);
    expect(rowHash({ ...fields, action: "document.delete" }, GENESIS_HASH)).not.toBe(h);
    expect(rowHash({ ...fields, metadata: { b: 2 } }, GENESIS_HASH)).not.toBe(h);
    expect(rowHash(fields, "1".repeat(64))).not.toBe(h);
    expect(rowHash(fields, GENESIS_HASH, "k")).not.toBe(h);
  });
});

describe("cursor", () => {
  const filters = { action: "x", limit: 10 };
  it("round-trips for the same filters", () => {
    expect(decodeCursor(encodeCursor(42, filters), { limit: 10, action: "x" })).toEqual({ val: 42 });
  });
  it("refuses garbage, a forged shape, and other filters", () => {
    expect(decodeCursor("not a cursor!", filters).err).toBe("is not a cursor returned by this API");
    expect(decodeCursor("eyJ2IjoxfQ", filters).err).toBe("is not a cursor returned by this API");
    const forged = Buffer.from(JSON.stringify({ v: 1, seq: -1, f: "0".repeat(16) })).toString("base64url");
    expect(decodeCursor(forged, filters).err).toBe("is not a cursor returned by this API");
    // Security review, issue 16: cursors carried no signature, so any seq could be written in.
    const good = JSON.parse(Buffer.from(encodeCursor(42, filters), "base64url").toString()) as object;
    const edited = Buffer.from(JSON.stringify({ ...good, seq: 41 })).toString("base64url");
    expect(decodeCursor(edited, filters).err).toBe("is not a cursor returned by this API");
    // Signed with a secret key: a cursor of another deployment (or process, without a key) is refused.
    expect(decodeCursor(encodeCursor(42, filters, "key-a"), filters, "key-b").err).toBe(
      "is not a cursor returned by this API",
    );
    expect(decodeCursor(encodeCursor(42, filters, "key-a"), filters, "key-a").val).toBe(42);
    expect(decodeCursor(encodeCursor(42, filters), { ...filters, action: "y" }).err).toBe(
      "was issued for different filters; repeat the query without it",
    );
  });
});
