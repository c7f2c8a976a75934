// GET /api/v2/tags against a fresh PostgreSQL: counts of live documents the caller can see, most
// used first, prefix and limit, nothing of another tenant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, type ExtrasHarness, extrasHarness } from "../extras/testing.ts";

let h: ExtrasHarness;
let owner: Caller;
let other: Caller;
let manager: Caller;
let south: Caller;

beforeAll(async () => {
  h = await extrasHarness();
  owner = await h.user("north", "end-user");
  other = await h.user("north", "end-user");
  manager = await h.user("north", "document-manager");
  south = await h.user("south", "tenant-admin");
  const docs: [string, string[], string | null, Date | null][] = [
    ["north", ["finance", "q1", "Invoice"], owner.id, null],
    ["north", ["finance", "q2"], owner.id, null],
    ["north", ["finance", "inventory"], owner.id, null],
    ["north", ["finance", "legal"], other.id, null],
    ["north", ["legal"], other.id, null],
    ["north", ["finance", "deleted-only"], owner.id, new Date()],
    ["south", ["finance", "south-secret"], null, null],
  ];
  for (const [slug, tags, createdBy, deletedAt] of docs) {
    await h.document(slug, { name: "doc", tags, createdBy, deletedAt });
  }
});
afterAll(async () => {
  await h?.close();
});

const tags = async (token: string, qs = "") => {
  const r = await h.call("GET", `/tags${qs}`, { token });
  expect(r.status).toBe(200);
  return r.body.data.items as { tag: string; count: number }[];
};

describe("GET /api/v2/tags", () => {
  it("counts the tenant's live documents by tag, most used first, ties by name", async () => {
    expect(await tags(manager.token)).toEqual([
      { tag: "finance", count: 4 },
      { tag: "legal", count: 2 },
      { tag: "Invoice", count: 1 },
      { tag: "inventory", count: 1 },
      { tag: "q1", count: 1 },
      { tag: "q2", count: 1 },
    ]);
    expect((await tags(south.token)).map((t) => t.tag).sort()).toEqual(["finance", "south-secret"]);
  });

  it("counts only what the caller can see", async () => {
    expect(await tags(other.token)).toEqual([
      { tag: "legal", count: 2 },
      { tag: "finance", count: 1 },
    ]);
    // A share makes the document (and its tags) visible to the grantee.
    const [doc] = await h.fx.admin<{ id: string }[]>`
      select id from documents where 'q1' = any(tags)`;
    await h.fx.admin`
      insert into document_permissions (tenant_id, document_id, grantee_user_id)
      values (${h.fx.tenantId("north")}, ${doc?.id ?? ""}, ${other.id})`;
    expect(await tags(other.token)).toEqual([
      { tag: "finance", count: 2 },
      { tag: "legal", count: 2 },
      { tag: "Invoice", count: 1 },
      { tag: "q1", count: 1 },
    ]);
  });

  it("filters by prefix (case-insensitive) and limits", async () => {
    expect(await tags(manager.token, "?prefix=IN")).toEqual([
      { tag: "Invoice", count: 1 },
      { tag: "inventory", count: 1 },
    ]);
    expect(await tags(manager.token, "?prefix=%25")).toEqual([]);
    expect((await tags(manager.token, "?limit=2")).map((t) => t.tag)).toEqual(["finance", "legal"]);
  });

  it("refuses bad parameters naming them, and anonymous calls", async () => {
    for (const [qs, field] of [
      ["?limit=0", "limit"],
      ["?limit=501", "limit"],
      ["?prefix=", "prefix"],
      [`?prefix=${"p".repeat(101)}`, "prefix"],
      ["?sort=name", "sort"],
    ]) {
      const r = await h.call("GET", `/tags${qs}`, { token: manager.token });
      expect([qs, r.status, r.body.error.details[0]?.field]).toEqual([qs, 400, field]);
    }
    expect((await h.call("GET", "/tags")).status).toBe(401);
  });
});
