// Reading and changing documents: metadata, the list (filters, cursor), visibility (an end user
// sees its own and what is shared with it, 404 otherwise), PATCH, and deletion refused under
// legal hold and retention.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, type DocumentHarness, documentHarness } from "./testing/index.ts";

let h: DocumentHarness;
let admin: Caller;
let eu: Caller;
let other: Caller;

interface Doc {
  id: string;
  name: string;
  tags: string[];
  legal_hold: boolean;
  retain_until: string | null;
  category_id: string | null;
  description: string;
  metadata: Record<string, unknown>;
}
interface ErrorBody {
  error: { code: string; message: string; details: { field: string; message: string }[] };
}

async function upload(
  who: Caller,
  name = `${randomUUID()}.txt`,
  extra: Record<string, string> = {},
): Promise<Doc> {
  const res = await h.uploadRaw(who, Buffer.from(`${name} ${randomUUID()}`), "text/plain", {
    name,
    ...extra,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { data: Doc }).data;
}

async function json<T>(res: Response): Promise<{ status: number; body: T }> {
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  h = await documentHarness();
  admin = h.users.north["tenant-admin"];
  eu = h.users.north["end-user"];
  other = await h.addUser("north", "end-user", "other@north.test");
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe("GET /documents/{id}", () => {
  it("answers the metadata; a non-uuid id is 400 naming id; an unknown id 404", async () => {
    const doc = await upload(eu, "meta.txt", { description: "d", tags: "A,b" });
    const got = await json<{ data: Doc & Record<string, unknown> }>(
      await h.call("GET", `/documents/${doc.id}`, eu),
    );
    expect(got.status).toBe(200);
    expect(Object.keys(got.body.data).sort()).toEqual(
      [
        "id",
        "name",
        "description",
        "content_type",
        "size_bytes",
        "checksum_sha256",
        "current_version",
        "category_id",
        "tags",
        "metadata",
        "status",
        "virus_scan",
        "virus_signature",
        "legal_hold",
        "retain_until",
        "created_by",
        "created_by_api_key",
        "created_at",
        "updated_at",
      ].sort(),
    );
    expect(got.body.data).toMatchObject({ tags: ["a", "b"], status: "uploaded", legal_hold: false });
    const bad = await json<ErrorBody>(await h.call("GET", "/documents/not-a-uuid", eu));
    expect([bad.status, bad.body.error.details[0]?.field]).toEqual([400, "id"]);
    const missing = await json<ErrorBody>(await h.call("GET", `/documents/${randomUUID()}`, eu));
    expect([missing.status, missing.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("visibility", () => {
  it("an end user sees its own and shared documents, not others' (404, never 403)", async () => {
    const mine = await upload(eu, "mine.txt");
    const theirs = await upload(other, "theirs.txt");
    const shared = await upload(other, "shared.txt");
    const expired = await upload(other, "expired.txt");
    const revoked = await upload(other, "revoked.txt");
    const t = eu.tenantId;
    await h.fx
      .admin`insert into document_permissions (tenant_id, document_id, grantee_user_id) values (${t}, ${shared.id}, ${eu.id})`;
    await h.fx
      .admin`insert into document_permissions (tenant_id, document_id, grantee_user_id, expires_at) values (${t}, ${expired.id}, ${eu.id}, now() - interval '1 minute')`;
    await h.fx
      .admin`insert into document_permissions (tenant_id, document_id, grantee_user_id, revoked_at) values (${t}, ${revoked.id}, ${eu.id}, now())`;

    for (const d of [mine, shared]) expect((await h.call("GET", `/documents/${d.id}`, eu)).status).toBe(200);
    for (const d of [theirs, expired, revoked]) {
      for (const path of [
        `/documents/${d.id}`,
        `/documents/${d.id}/content`,
        `/documents/${d.id}/versions`,
      ]) {
        const res = await json<ErrorBody>(await h.call("GET", path, eu));
        expect([path, res.status, res.body.error.code]).toEqual([path, 404, "NOT_FOUND"]);
      }
    }
    const list = await json<{ data: { items: Doc[] } }>(await h.call("GET", "/documents?limit=100", eu));
    const ids = list.body.data.items.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, shared.id]));
    expect(ids).not.toEqual(expect.arrayContaining([theirs.id]));
    expect(ids.filter((id) => [theirs.id, expired.id, revoked.id].includes(id))).toEqual([]);

    // A read share does not allow changes: visible, so 403 rather than 404.
    const patch = await h.call("PATCH", `/documents/${shared.id}`, eu, { json: { description: "x" } });
    expect(patch.status).toBe(403);

    // documents:read-all holders see everything in their tenant, nothing in another.
    for (const role of ["tenant-admin", "compliance-officer", "document-manager"] as const) {
      expect((await h.call("GET", `/documents/${theirs.id}`, h.users.north[role])).status).toBe(200);
      expect((await h.call("GET", `/documents/${theirs.id}`, h.users.south[role])).status).toBe(404);
    }
  });

  it("an API key sees what it uploaded, not users' documents (without documents:read-all)", async () => {
    const key = h.apiKeys.north;
    const own = await upload(key, "by-key.txt");
    const users = await upload(eu, "by-user.txt");
    expect((await h.call("GET", `/documents/${own.id}`, key)).status).toBe(200);
    expect((await h.call("GET", `/documents/${users.id}`, key)).status).toBe(404);
  });

  it("deleted documents are 404 everywhere, also for admins", async () => {
    const doc = await upload(admin, "gone.txt");
    expect((await h.call("DELETE", `/documents/${doc.id}`, admin)).status).toBe(200);
    for (const path of [
      `/documents/${doc.id}`,
      `/documents/${doc.id}/content`,
      `/documents/${doc.id}/versions/1`,
    ]) {
      expect([path, (await h.call("GET", path, admin)).status]).toEqual([path, 404]);
    }
    expect((await h.call("DELETE", `/documents/${doc.id}`, admin)).status).toBe(404);
  });
});

describe("GET /documents", () => {
  it("pages newest first with an opaque cursor and filters", async () => {
    const pager = await h.addUser("north", "end-user", "pager@north.test");
    const made: Doc[] = [];
    for (let i = 0; i < 5; i++) made.push(await upload(pager, `p${i}.txt`, { tags: i % 2 ? "odd" : "even" }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/documents?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await json<{ data: { items: Doc[]; next_cursor: string | null } }>(
        await h.call("GET", q, pager),
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.data.items.map((d) => d.id));
      cursor = page.body.data.next_cursor;
    } while (cursor);
    expect(seen).toEqual(made.map((d) => d.id).reverse());
    const odd = await json<{ data: { items: Doc[] } }>(await h.call("GET", "/documents?tag=ODD", pager));
    expect(odd.body.data.items.map((d) => d.name)).toEqual(["p3.txt", "p1.txt"]);
    const future = await json<{ data: { items: Doc[] } }>(
      await h.call(
        "GET",
        `/documents?created_after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
        pager,
      ),
    );
    expect(future.body.data.items).toEqual([]);
  });

  it.each([
    ["limit=0", "limit", 400],
    ["limit=101", "limit", 400],
    ["limit=x", "limit", 400],
    // A cursor this API did not issue fits the schema (a string): 422.
    ["cursor=nonsense", "cursor", 422],
    ["cursor=eyJ2IjoxLCJwIjpbIjIwMjYiLCJ4Il0sImYiOiIwMTIzNDU2Nzg5YWJjZGVmIiwicyI6IngifQ", "cursor", 422],
    ["status=lost", "status", 400],
    ["category_id=abc", "category_id", 400],
    ["created_after=yesterday", "created_after", 400],
    ["sort=name", "sort", 400],
  ])("?%s → refused naming %s (%s)", async (query, field, status) => {
    const res = await json<ErrorBody>(await h.call("GET", `/documents?${query}`, eu));
    expect([res.status, res.body.error.details.map((d) => d.field)]).toEqual([status, [field]]);
  });

  it("refuses a tampered cursor and one issued for other filters", async () => {
    const pager = await h.addUser("north", "end-user", "pager2@north.test");
    for (let i = 0; i < 3; i++) await upload(pager, `q${i}.txt`);
    const page = await json<{ data: { next_cursor: string } }>(
      await h.call("GET", "/documents?limit=1", pager),
    );
    const cursor = page.body.data.next_cursor;
    const decoded = JSON.parse(Buffer.from(cursor, "base64url").toString()) as { p: [string, string] };
    decoded.p[1] = randomUUID();
    const tampered = Buffer.from(JSON.stringify(decoded)).toString("base64url");
    for (const q of [`limit=1&cursor=${tampered}`, `limit=1&tag=x&cursor=${cursor}`]) {
      const res = await json<ErrorBody>(await h.call("GET", `/documents?${q}`, pager));
      expect([res.status, res.body.error.details[0]?.field]).toEqual([422, "cursor"]);
    }
  });
});

describe("PATCH /documents/{id}", () => {
  it("changes fields, lowercases tags, audits; refuses unknown fields and bad values naming them", async () => {
    const doc = await upload(eu, "patch.txt");
    const [cat] = await h.fx.admin<{ id: string }[]>`
      insert into document_categories (tenant_id, name) values (${eu.tenantId}, 'Patch') returning id`;
    const res = await json<{ data: Doc }>(
      await h.call("PATCH", `/documents/${doc.id}`, eu, {
        json: { name: "renamed.txt", tags: ["X", "y", "x"], category_id: cat?.id, metadata: { k: 1 } },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      name: "renamed.txt",
      tags: ["x", "y"],
      category_id: cat?.id,
      metadata: { k: 1 },
    });
    const cleared = await json<{ data: Doc }>(
      await h.call("PATCH", `/documents/${doc.id}`, eu, { json: { category_id: null } }),
    );
    expect(cleared.body.data.category_id).toBeNull();
    const [audit] = await h.fx.admin<{ n: number }[]>`
      select count(*)::int as n from audit_logs where resource_id = ${doc.id} and action = 'document.update'`;
    expect(audit?.n).toBe(2);

    const bad: [unknown, string][] = [
      [{ owner: "me" }, "owner"],
      [{ name: "a/b" }, "name"],
      [{ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, "tags"],
      [{ tags: ["x".repeat(65)] }, "tags.0"],
      [{ category_id: "nope" }, "category_id"],
      [{ metadata: [1] }, "metadata"],
      [{}, "body"],
    ];
    for (const [body, field] of bad) {
      const r = await json<ErrorBody>(await h.call("PATCH", `/documents/${doc.id}`, eu, { json: body }));
      expect([field, r.status, r.body.error.details.map((d) => d.field)]).toEqual([field, 400, [field]]);
    }
    const unknownCat = await json<ErrorBody>(
      await h.call("PATCH", `/documents/${doc.id}`, eu, { json: { category_id: randomUUID() } }),
    );
    expect([unknownCat.status, unknownCat.body.error.details[0]?.field]).toEqual([404, "category_id"]);
  });
});

describe("deletion, legal hold and retention", () => {
  it("legal hold blocks deletion with 409 until released; only documents:hold may set it", async () => {
    const doc = await upload(admin, "held.txt");
    const eh = await h.call("PUT", `/documents/${doc.id}/legal-hold`, eu, { json: { reason: "x" } });
    expect(eh.status).toBe(403);
    const noReason = await json<ErrorBody>(
      await h.call("PUT", `/documents/${doc.id}/legal-hold`, admin, { json: {} }),
    );
    expect([noReason.status, noReason.body.error.details[0]?.field]).toEqual([400, "reason"]);
    const held = await json<{ data: Doc }>(
      await h.call("PUT", `/documents/${doc.id}/legal-hold`, h.users.north["compliance-officer"], {
        json: { reason: "litigation 42" },
      }),
    );
    expect([held.status, held.body.data.legal_hold]).toEqual([200, true]);
    const refused = await json<ErrorBody>(await h.call("DELETE", `/documents/${doc.id}`, admin));
    expect([refused.status, refused.body.error.code, refused.body.error.details[0]?.field]).toEqual([
      409,
      "CONFLICT",
      "legal_hold",
    ]);
    expect((await h.call("DELETE", `/documents/${doc.id}/legal-hold`, admin)).status).toBe(200);
    expect((await h.call("DELETE", `/documents/${doc.id}`, admin)).status).toBe(200);
    const actions = await h.fx.admin<{ action: string; metadata: Record<string, unknown> }[]>`
      select action, metadata from audit_logs where resource_id = ${doc.id} order by seq`;
    expect(actions.map((a) => a.action)).toEqual([
      "document.create",
      "document.legal_hold.set",
      "document.legal_hold.release",
      "document.delete",
    ]);
    expect(actions[1]?.metadata).toMatchObject({ reason: "litigation 42" });
  });

  it("retain_until blocks deletion and may only be extended", async () => {
    const doc = await upload(admin, "kept.txt");
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const sooner = new Date(Date.now() + 3_600_000).toISOString();
    const set = await json<{ data: Doc }>(
      await h.call("PUT", `/documents/${doc.id}/retention`, admin, { json: { retain_until: later } }),
    );
    expect([set.status, set.body.data.retain_until]).toEqual([200, later]);
    const shorter = await json<ErrorBody>(
      await h.call("PUT", `/documents/${doc.id}/retention`, admin, { json: { retain_until: sooner } }),
    );
    expect([shorter.status, shorter.body.error.details[0]?.field]).toEqual([409, "retain_until"]);
    const past = await json<ErrorBody>(
      await h.call("PUT", `/documents/${doc.id}/retention`, admin, {
        json: { retain_until: "2001-01-01T00:00:00Z" },
      }),
    );
    expect([past.status, past.body.error.details[0]?.field]).toEqual([422, "retain_until"]);
    const refused = await json<ErrorBody>(await h.call("DELETE", `/documents/${doc.id}`, admin));
    expect([refused.status, refused.body.error.details[0]?.field]).toEqual([409, "retain_until"]);
    const [row] = await h.fx.admin<
      { deleted_at: Date | null }[]
    >`select deleted_at from documents where id = ${doc.id}`;
    expect(row?.deleted_at).toBeNull();
  });

  it("a category's retention period blocks deletion; an elapsed one does not", async () => {
    const [keep, old] = await h.fx.admin<{ id: string }[]>`
      insert into document_categories (tenant_id, name, retention_days)
      values (${admin.tenantId}, 'Seven Years', 2555), (${admin.tenantId}, 'One Day', 1) returning id`;
    const kept = await upload(admin, "tax.txt", { category_id: keep?.id ?? "" });
    const refused = await json<ErrorBody>(await h.call("DELETE", `/documents/${kept.id}`, admin));
    expect([refused.status, refused.body.error.details[0]?.field]).toEqual([409, "category_id"]);
    expect(refused.body.error.message).toContain("2555 days");
    const elapsed = await upload(admin, "old.txt", { category_id: old?.id ?? "" });
    await h.fx.admin`update documents set created_at = now() - interval '2 days' where id = ${elapsed.id}`;
    expect((await h.call("DELETE", `/documents/${elapsed.id}`, admin)).status).toBe(200);
  });

  it("end users may not delete (documents:delete) and objects stay after a delete", async () => {
    const doc = await upload(eu, "mine-to-keep.txt");
    expect((await h.call("DELETE", `/documents/${doc.id}`, eu)).status).toBe(403);
    const objects = (await h.counts()).objects;
    expect((await h.call("DELETE", `/documents/${doc.id}`, admin)).status).toBe(200);
    expect((await h.counts()).objects).toBe(objects);
  });
});
