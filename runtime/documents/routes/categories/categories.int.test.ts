// /api/v2/categories against a fresh PostgreSQL: guards, CRUD, every bad input (status, code,
// field, nothing stored), tenant isolation, cursor pagination, cycles and deletes blocked by live
// documents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, type ExtrasHarness, extrasHarness } from "../extras/testing.ts";

let h: ExtrasHarness;
let manager: Caller;
let endUser: Caller;
let southManager: Caller;

beforeAll(async () => {
  h = await extrasHarness();
  manager = await h.user("north", "document-manager");
  endUser = await h.user("north", "end-user");
  southManager = await h.user("south", "document-manager");
});
afterAll(async () => {
  await h?.close();
});

const north = () => `tenant_id = '${h.fx.tenantId("north")}'`;

async function create(body: Record<string, unknown>, token = manager.token) {
  return h.call("POST", "/categories", { token, body });
}

describe("guards", () => {
  it("401 without a token; end-users read but do not manage", async () => {
    const id = crypto.randomUUID();
    expect((await h.call("GET", "/categories")).status).toBe(401);
    expect((await h.call("POST", "/categories", { body: { name: "x" } })).status).toBe(401);
    expect((await h.call("GET", "/categories", { token: endUser.token })).status).toBe(200);
    for (const [method, path, body] of [
      ["POST", "/categories", { name: "x" }],
      ["PATCH", `/categories/${id}`, { name: "y" }],
      ["DELETE", `/categories/${id}`, undefined],
    ] as const) {
      const r = await h.call(method, path, { token: endUser.token, body });
      expect([method, r.status, r.body.error.code, r.body.error.message]).toEqual([
        method,
        403,
        "FORBIDDEN",
        'permission "categories:manage" required; role "end-user" does not have it',
      ]);
    }
    expect(await h.count("document_categories")).toBe(0);
  });
});

describe("create", () => {
  it("creates a category with defaults and audits it", async () => {
    const r = await create({ name: "  Contracts  " });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({
      name: "Contracts",
      description: "",
      parent_id: null,
      retention_days: null,
    });
    const child = await create({
      name: "Leases",
      description: "Property leases",
      parent_id: r.body.data.id,
      retention_days: 36500,
    });
    expect(child.status).toBe(201);
    expect(child.body.data).toMatchObject({ parent_id: r.body.data.id, retention_days: 36500 });
    expect(await h.count("document_categories", north())).toBe(2);
    expect((await h.auditActions("north")).filter((a) => a === "category.create")).toHaveLength(2);
  });

  it("refuses every bad body with 400, 409 or 422 naming the field, storing nothing", async () => {
    const [southCat] = await h.fx.admin<{ id: string }[]>`
      insert into document_categories (tenant_id, name) values (${h.fx.tenantId("south")}, 'South only')
      returning id`;
    const before = await h.count("document_categories");
    const audits = (await h.auditActions("north")).length;
    const cases: [string, unknown, number, string][] = [
      ["missing name", {}, 400, "name"],
      ["blank name", { name: "   " }, 400, "name"],
      ["long name", { name: "n".repeat(101) }, 400, "name"],
      ["control character", { name: "bad\u0007name" }, 400, "name"],
      ["name not a string", { name: 42 }, 400, "name"],
      ["unknown field", { name: "Ok", colour: "red" }, 400, "colour"],
      ["long description", { name: "Ok", description: "d".repeat(2001) }, 400, "description"],
      ["retention 0", { name: "Ok", retention_days: 0 }, 400, "retention_days"],
      ["retention too long", { name: "Ok", retention_days: 36501 }, 400, "retention_days"],
      ["retention fractional", { name: "Ok", retention_days: 1.5 }, 400, "retention_days"],
      ["retention as text", { name: "Ok", retention_days: "30" }, 400, "retention_days"],
      ["parent not a uuid", { name: "Ok", parent_id: "contracts" }, 400, "parent_id"],
      ["parent unknown", { name: "Ok", parent_id: crypto.randomUUID() }, 422, "parent_id"],
      ["parent of another tenant", { name: "Ok", parent_id: southCat?.id }, 422, "parent_id"],
      ["duplicate name", { name: "Contracts" }, 409, "name"],
    ];
    for (const [label, body, status, field] of cases) {
      const r = await create(body as Record<string, unknown>);
      expect([label, r.status, r.body.error.details.map((d) => d.field)]).toEqual([label, status, [field]]);
      expect(r.body.error.code).toBe(
        status === 400 ? "VALIDATION_ERROR" : status === 422 ? "UNPROCESSABLE_ENTITY" : "CONFLICT",
      );
    }
    const malformed = await h.call("POST", "/categories", { token: manager.token, raw: '{"name": ' });
    expect([malformed.status, malformed.body.error.details[0]?.field]).toEqual([400, "body"]);
    expect(await h.count("document_categories")).toBe(before);
    expect((await h.auditActions("north")).length).toBe(audits);
  });

  it("the same name is free in another tenant", async () => {
    const r = await create({ name: "Contracts" }, southManager.token);
    expect(r.status).toBe(201);
  });
});

describe("read", () => {
  it("gets one category; 404 for another tenant's or an unknown id; 400 for a bad id", async () => {
    const created = await create({ name: "Read me" });
    const got = await h.call("GET", `/categories/${created.body.data.id}`, { token: endUser.token });
    expect(got.body.data).toEqual(created.body.data);
    const foreign = await h.call("GET", `/categories/${created.body.data.id}`, { token: southManager.token });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await h.call("GET", `/categories/${crypto.randomUUID()}`, { token: manager.token })).status).toBe(
      404,
    );
    const bad = await h.call("GET", "/categories/not-a-uuid", { token: manager.token });
    expect([bad.status, bad.body.error.details[0]?.field]).toEqual([400, "id"]);
  });

  it("lists by name across pages without duplicates or gaps, only the tenant's own", async () => {
    for (const name of ["Zeta", "Alpha", "Mu", "Beta", "Omega"])
      expect((await create({ name })).status).toBe(201);
    const expected = (
      await h.fx.admin<{ name: string }[]>`
        select name from document_categories where tenant_id = ${h.fx.tenantId("north")} order by name`
    ).map((r) => r.name);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const r = await h.call("GET", `/categories${qs}`, { token: endUser.token });
      expect(r.status).toBe(200);
      expect(r.body.data.items.length).toBeLessThanOrEqual(2);
      seen.push(...r.body.data.items.map((i: { name: string }) => i.name));
      cursor = r.body.data.next_cursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toEqual(expected);
    expect(seen).not.toContain("South only");
    expect(pages).toBe(Math.ceil(expected.length / 2));
  });

  it("refuses tampered, foreign and malformed cursors naming cursor", async () => {
    const first = await h.call("GET", "/categories?limit=1", { token: manager.token });
    const cursor: string = first.body.data.next_cursor;
    const decoded = JSON.parse(Buffer.from(cursor, "base64url").toString());
    const tampered = Buffer.from(JSON.stringify({ ...decoded, p: "A" })).toString("base64url");
    const foreign = await h.call("GET", `/categories?limit=1&cursor=${cursor}`, {
      token: southManager.token,
    });
    for (const [label, r] of [
      ["tampered", await h.call("GET", `/categories?cursor=${tampered}`, { token: manager.token })],
      ["garbage", await h.call("GET", "/categories?cursor=%%%", { token: manager.token })],
      ["other tenant", foreign],
    ] as const) {
      expect([label, r.status, r.body.error.details[0]?.field]).toEqual([label, 422, "cursor"]);
    }
    const unknown = await h.call("GET", "/categories?page=2", { token: manager.token });
    expect([unknown.status, unknown.body.error.details[0]?.field]).toEqual([400, "page"]);
  });
});

describe("update", () => {
  it("renames, re-parents and changes retention; audits with before and after", async () => {
    const a = (await create({ name: "Tree A" })).body.data;
    const b = (await create({ name: "Tree B", parent_id: a.id })).body.data;
    h.clock.now = new Date(Date.now() + 60_000);
    const r = await h.call("PATCH", `/categories/${b.id}`, {
      token: manager.token,
      body: { name: "Tree B2", retention_days: 30, parent_id: null },
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ name: "Tree B2", retention_days: 30, parent_id: null });
    expect(r.body.data.updated_at).toBe(h.clock.now.toISOString());
    h.clock.now = new Date();
    const [entry] = await h.fx.admin<{ metadata: { changed: string[] } }[]>`
      select metadata from audit_logs where action = 'category.update' and resource_id = ${b.id}`;
    expect(entry?.metadata.changed).toEqual(["name", "parent_id", "retention_days"]);
  });

  it("refuses cycles (409), bad fields (400) and taken names (409), changing nothing", async () => {
    const a = (await create({ name: "Cycle A" })).body.data;
    const b = (await create({ name: "Cycle B", parent_id: a.id })).body.data;
    const c = (await create({ name: "Cycle C", parent_id: b.id })).body.data;
    const snapshot = await h.fx.admin`select * from document_categories order by id`;
    const cases: [string, string, unknown, number, string][] = [
      ["self parent", a.id, { parent_id: a.id }, 409, "parent_id"],
      ["grandchild as parent", a.id, { parent_id: c.id }, 409, "parent_id"],
      ["child as parent", b.id, { parent_id: c.id }, 409, "parent_id"],
      ["unknown parent", a.id, { parent_id: crypto.randomUUID() }, 422, "parent_id"],
      ["taken name", c.id, { name: "Cycle A" }, 409, "name"],
      ["empty body", a.id, {}, 400, "json"],
      ["unknown field", a.id, { name: "Fine", owner: "me" }, 400, "owner"],
      ["retention too long", a.id, { retention_days: 99999 }, 400, "retention_days"],
    ];
    for (const [label, id, body, status, field] of cases) {
      const r = await h.call("PATCH", `/categories/${id}`, { token: manager.token, body });
      expect([label, r.status, r.body.error.details.map((d) => d.field)]).toEqual([label, status, [field]]);
    }
    const missing = await h.call("PATCH", `/categories/${crypto.randomUUID()}`, {
      token: manager.token,
      body: { name: "Ghost" },
    });
    expect(missing.status).toBe(404);
    const foreign = await h.call("PATCH", `/categories/${a.id}`, {
      token: southManager.token,
      body: { name: "Mine" },
    });
    expect(foreign.status).toBe(404);
    expect(await h.fx.admin`select * from document_categories order by id`).toEqual(snapshot);
    // Keeping its own name is no conflict.
    expect(
      (await h.call("PATCH", `/categories/${a.id}`, { token: manager.token, body: { name: "Cycle A" } }))
        .status,
    ).toBe(200);
  });

  it("concurrent opposite re-parentings cannot both succeed", async () => {
    const x = (await create({ name: "Race X" })).body.data;
    const y = (await create({ name: "Race Y" })).body.data;
    const [r1, r2] = await Promise.all([
      h.call("PATCH", `/categories/${x.id}`, { token: manager.token, body: { parent_id: y.id } }),
      h.call("PATCH", `/categories/${y.id}`, { token: manager.token, body: { parent_id: x.id } }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
  });
});

describe("delete", () => {
  it("409 naming how many live documents use it; then deletes, detaching deleted ones and freeing children", async () => {
    const parent = (await create({ name: "Doomed" })).body.data;
    const child = (await create({ name: "Doomed child", parent_id: parent.id })).body.data;
    const live1 = await h.document("north", { name: "a.pdf", categoryId: parent.id });
    const live2 = await h.document("north", { name: "b.pdf", categoryId: parent.id });
    const gone = await h.document("north", { name: "c.pdf", categoryId: parent.id, deletedAt: new Date() });
    const blocked = await h.call("DELETE", `/categories/${parent.id}`, { token: manager.token });
    expect([blocked.status, blocked.body.error.code, blocked.body.error.message]).toEqual([
      409,
      "CONFLICT",
      `category ${parent.id} still has 2 live documents; move or delete them first`,
    ]);
    await h.fx.admin`update documents set deleted_at = now() where id = ${live1}`;
    const stillOne = await h.call("DELETE", `/categories/${parent.id}`, { token: manager.token });
    expect(stillOne.body.error.message).toContain("still has 1 live document;");
    await h.fx.admin`update documents set category_id = null where id = ${live2}`;
    const done = await h.call("DELETE", `/categories/${parent.id}`, { token: manager.token });
    expect([done.status, done.body.data]).toEqual([200, { id: parent.id, deleted: true }]);
    expect(await h.count("document_categories", `id = '${parent.id}'`)).toBe(0);
    expect(await h.count("documents", `id in ('${gone}', '${live1}') and category_id is null`)).toBe(2);
    const freed = await h.call("GET", `/categories/${child.id}`, { token: manager.token });
    expect(freed.body.data.parent_id).toBeNull();
    const [entry] = await h.fx.admin<{ metadata: Record<string, unknown> }[]>`
      select metadata from audit_logs where action = 'category.delete' and resource_id = ${parent.id}`;
    expect(entry?.metadata).toMatchObject({
      children_made_top_level: [child.id],
      deleted_documents_detached: 2,
    });
    expect((await h.call("DELETE", `/categories/${parent.id}`, { token: manager.token })).status).toBe(404);
  });

  it("another tenant cannot delete it", async () => {
    const mine = (await create({ name: "Keep" })).body.data;
    const r = await h.call("DELETE", `/categories/${mine.id}`, { token: southManager.token });
    expect(r.status).toBe(404);
    expect(await h.count("document_categories", `id = '${mine.id}'`)).toBe(1);
  });
});
