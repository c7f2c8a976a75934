// /api/v2/documents/{id}/shares against a fresh PostgreSQL: grant, the grantee then sees the
// document (visibleTo), expiry by the app's clock, revoke, and every refusal: bad body, unknown,
// inactive or foreign grantee, invisible or foreign document, duplicate share, wrong role.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../../auth/rbac.ts";
import { documents } from "../../../db/schema/index.ts";
import { liveVisible } from "../../visibility.ts";
import { type Caller, type ExtrasHarness, extrasHarness } from "../extras/testing.ts";

let h: ExtrasHarness;
let owner: Caller;
let grantee: Caller;
let manager: Caller;
let disabledId: string;
let southAdmin: Caller;
let southUser: Caller;
let doc: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  h = await extrasHarness();
  owner = await h.user("north", "end-user");
  grantee = await h.user("north", "end-user");
  manager = await h.user("north", "document-manager");
  disabledId = await h.fx.addUser("north", { email: "gone@north.test", status: "disabled" });
  southAdmin = await h.user("south", "tenant-admin");
  southUser = await h.user("south", "end-user");
  doc = await h.document("north", {
    name: "Salary review",
    extractedText: "confidential salary",
    createdBy: owner.id,
  });
});
afterAll(async () => {
  await h?.close();
});

const share = (body: unknown, id = doc, token = manager.token) =>
  h.call("POST", `/documents/${id}/shares`, { token, body });
const seesBySearch = async (who: Caller) =>
  (await h.call("GET", "/documents/search?q=salary", { token: who.token })).body.data.items.map(
    (i: { id: string }) => i.id,
  );
/** visibleTo itself, as the grantee, in the tenant's RLS transaction at the app's clock. */
const seesByVisibility = (who: Caller) =>
  h.fx.dbs.withTenant(h.fx.tenantId("north"), async (tx) => {
    const principal: Principal = {
      kind: "user",
      id: who.id,
      tenantId: h.fx.tenantId("north"),
      role: "end-user",
      scopes: ["*"],
    };
    const rows = await tx
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.id, doc), liveVisible(principal, h.clock.now)));
    return rows.length === 1;
  });

describe("grant and revoke", () => {
  it("a share lets the grantee see the document until it is revoked", async () => {
    expect(await seesBySearch(grantee)).toEqual([]);
    expect(await seesByVisibility(grantee)).toBe(false);
    const r = await share({ user_id: grantee.id });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({
      document_id: doc,
      user_id: grantee.id,
      permission: "read",
      expires_at: null,
      granted_by: manager.id,
      revoked_at: null,
    });
    expect(await seesBySearch(grantee)).toEqual([doc]);
    expect(await seesByVisibility(grantee)).toBe(true);
    const list = await h.call("GET", `/documents/${doc}/shares`, { token: manager.token });
    expect(list.body.data.items.map((s: { id: string }) => s.id)).toEqual([r.body.data.id]);

    const dup = await share({ user_id: grantee.id, permission: "write" });
    expect([dup.status, dup.body.error.details[0]?.field]).toEqual([409, "user_id"]);

    const revoked = await h.call("DELETE", `/documents/${doc}/shares/${r.body.data.id}`, {
      token: manager.token,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.revoked_at).toBe(h.clock.now.toISOString());
    expect(await seesBySearch(grantee)).toEqual([]);
    expect(await seesByVisibility(grantee)).toBe(false);
    expect(
      (await h.call("GET", `/documents/${doc}/shares`, { token: manager.token })).body.data.items,
    ).toEqual([]);
    const again = await h.call("DELETE", `/documents/${doc}/shares/${r.body.data.id}`, {
      token: manager.token,
    });
    expect([again.status, again.body.error.details[0]?.field]).toEqual([404, "share_id"]);
    expect(await h.count("document_permissions", `id = '${r.body.data.id}' and revoked_at is not null`)).toBe(
      1,
    );

    const [granted] = await h.fx.admin<{ metadata: Record<string, unknown> }[]>`
      select metadata from audit_logs where action = 'document.share' and resource_id = ${doc}`;
    expect(granted?.metadata).toMatchObject({
      share_id: r.body.data.id,
      user_id: grantee.id,
      permission: "read",
    });
    const actions = await h.auditActions("north");
    expect(actions.filter((a) => a.startsWith("document."))).toEqual(["document.share", "document.unshare"]);
  });

  it("an expiring share ends at its time on the app's clock", async () => {
    const start = new Date();
    h.clock.now = start;
    const expiresAt = new Date(start.getTime() + HOUR).toISOString();
    const r = await share({ user_id: grantee.id, permission: "write", expires_at: expiresAt });
    expect([r.status, r.body.data.expires_at]).toEqual([201, expiresAt]);
    expect(await seesBySearch(grantee)).toEqual([doc]);
    h.clock.now = new Date(start.getTime() + HOUR - 1000);
    expect(await seesByVisibility(grantee)).toBe(true);
    h.clock.now = new Date(start.getTime() + HOUR + 1000);
    expect(await seesBySearch(grantee)).toEqual([]);
    expect(await seesByVisibility(grantee)).toBe(false);
    expect(
      (await h.call("GET", `/documents/${doc}/shares`, { token: manager.token })).body.data.items,
    ).toEqual([]);
    // Expired is not active: a new share for the same user is allowed.
    expect((await share({ user_id: grantee.id })).status).toBe(201);
    h.clock.now = new Date();
  });
});

describe("refusals", () => {
  it("refuses bad bodies and grantees naming the field, storing nothing", async () => {
    const before = await h.count("document_permissions");
    const audits = (await h.auditActions("north")).length;
    const now = Date.now();
    const cases: [string, unknown, number, string][] = [
      ["missing user_id", {}, 400, "user_id"],
      ["user_id not a uuid", { user_id: "bob" }, 400, "user_id"],
      ["unknown field", { user_id: grantee.id, role: "admin" }, 400, "role"],
      ["bad permission", { user_id: grantee.id, permission: "admin" }, 400, "permission"],
      ["expiry not a date", { user_id: grantee.id, expires_at: "tomorrow" }, 400, "expires_at"],
      [
        "expiry in the past",
        { user_id: grantee.id, expires_at: new Date(now - 1000).toISOString() },
        422,
        "expires_at",
      ],
      [
        "expiry beyond a year",
        { user_id: grantee.id, expires_at: new Date(now + 367 * 24 * HOUR).toISOString() },
        422,
        "expires_at",
      ],
      ["unknown user", { user_id: crypto.randomUUID() }, 404, "user_id"],
      ["disabled user", { user_id: disabledId }, 404, "user_id"],
      ["user of another tenant", { user_id: southUser.id }, 404, "user_id"],
    ];
    for (const [label, body, status, field] of cases) {
      const r = await share(body, doc);
      expect([label, r.status, r.body.error.details.map((d) => d.field)]).toEqual([label, status, [field]]);
    }
    expect(await h.count("document_permissions")).toBe(before);
    expect((await h.auditActions("north")).length).toBe(audits);
  });

  it("404 for a document that is unknown, deleted or another tenant's, never revealing which", async () => {
    const deleted = await h.document("north", { name: "old", createdBy: owner.id, deletedAt: new Date() });
    const southDoc = await h.document("south", { name: "theirs", createdBy: southUser.id });
    for (const [label, id, token] of [
      ["unknown", crypto.randomUUID(), manager.token],
      ["deleted", deleted, manager.token],
      ["north's document from south", doc, southAdmin.token],
      ["south's document from north", southDoc, manager.token],
    ] as const) {
      const body = { user_id: token === southAdmin.token ? southUser.id : grantee.id };
      const created = await share(body, id, token);
      const listed = await h.call("GET", `/documents/${id}/shares`, { token });
      const revoked = await h.call("DELETE", `/documents/${id}/shares/${crypto.randomUUID()}`, { token });
      expect([label, created.status, listed.status, revoked.status]).toEqual([label, 404, 404, 404]);
      expect(created.body.error.message).toBe(`document ${id} not found`);
    }
  });

  it("a share of one document cannot be revoked through another", async () => {
    const s = await share({ user_id: owner.id });
    const otherDoc = await h.document("north", { name: "other", createdBy: owner.id });
    const r = await h.call("DELETE", `/documents/${otherDoc}/shares/${s.body.data.id}`, {
      token: manager.token,
    });
    expect(r.status).toBe(404);
    expect(await h.count("document_permissions", `id = '${s.body.data.id}' and revoked_at is null`)).toBe(1);
  });

  it("end-users cannot share, list or revoke (documents:share), anonymous callers get 401", async () => {
    for (const [method, path, body] of [
      ["POST", `/documents/${doc}/shares`, { user_id: grantee.id }],
      ["GET", `/documents/${doc}/shares`, undefined],
      ["DELETE", `/documents/${doc}/shares/${crypto.randomUUID()}`, undefined],
    ] as const) {
      const denied = await h.call(method, path, { token: owner.token, body });
      expect([method, denied.status, denied.body.error.message]).toEqual([
        method,
        403,
        'permission "documents:share" required; role "end-user" does not have it',
      ]);
      expect((await h.call(method, path, { body })).status).toBe(401);
    }
  });
});
