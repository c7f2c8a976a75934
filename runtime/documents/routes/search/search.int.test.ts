// GET /api/v2/documents/search against a fresh PostgreSQL: ranking (name above body text),
// stemming, filters, pagination without duplicates or gaps, refused cursors and queries, and no
// hits from another tenant, from documents the caller may not see, or from deleted ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, type ExtrasHarness, extrasHarness } from "../extras/testing.ts";

let h: ExtrasHarness;
let owner: Caller;
let stranger: Caller;
let manager: Caller;
let southOwner: Caller;
const ids: Record<string, string> = {};

const search = (token: string, qs: string) => h.call("GET", `/documents/search?${qs}`, { token });
const names = (r: { body: { data: { items: { name: string }[] } } }) => r.body.data.items.map((i) => i.name);

beforeAll(async () => {
  h = await extrasHarness();
  owner = await h.user("north", "end-user");
  stranger = await h.user("north", "end-user");
  manager = await h.user("north", "document-manager");
  southOwner = await h.user("south", "end-user");
  const [cat] = await h.fx.admin<{ id: string }[]>`
    insert into document_categories (tenant_id, name) values (${h.fx.tenantId("north")}, 'Finance') returning id`;
  ids.finance = cat?.id ?? "";
  const day = (d: number) => new Date(Date.UTC(2026, 0, d, 12));
  const docs: [string, Parameters<ExtrasHarness["document"]>[1]][] = [
    [
      "inName",
      {
        name: "Quarterly invoices 2025",
        createdBy: owner.id,
        tags: ["finance", "q1"],
        categoryId: ids.finance,
        createdAt: day(2),
      },
    ],
    [
      "inText",
      {
        name: "Meeting notes",
        extractedText: "We discussed the outstanding invoices and the audit schedule at length.",
        createdBy: owner.id,
        tags: ["finance"],
        contentType: "text/plain",
        createdAt: day(3),
      },
    ],
    [
      "inDescription",
      { name: "Board pack", description: "Includes invoices", createdBy: owner.id, createdAt: day(4) },
    ],
    ["notMine", { name: "Invoices of someone else", createdBy: stranger.id, createdAt: day(5) }],
    ["deleted", { name: "Invoices deleted", createdBy: owner.id, deletedAt: day(6), createdAt: day(5) }],
  ];
  for (const [key, doc] of docs) ids[key] = await h.document("north", doc);
  ids.south = await h.document("south", { name: "Invoices of the south", createdBy: southOwner.id });
});
afterAll(async () => {
  await h?.close();
});

describe("matching and ranking", () => {
  it("ranks a name match above a description match above a body-text match, with highlights", async () => {
    const r = await search(owner.token, "q=invoices");
    expect(r.status).toBe(200);
    expect(names(r)).toEqual(["Quarterly invoices 2025", "Board pack", "Meeting notes"]);
    const ranks = r.body.data.items.map((i: { rank: number }) => i.rank);
    expect(ranks[0]).toBeGreaterThan(ranks[1]);
    expect(ranks[1]).toBeGreaterThan(ranks[2]);
    expect(r.body.data.items[2].highlight).toContain("**invoices**");
    expect(r.body.data.items[0]).toMatchObject({
      id: ids.inName,
      tags: ["finance", "q1"],
      category_id: ids.finance,
      content_type: "application/pdf",
    });
    expect(r.body.data.items[0]).not.toHaveProperty("storage_key");
    expect(r.body.data.next_cursor).toBeNull();
  });

  it("matches word stems in text ('discussing' finds 'discussed', 'invoice' finds 'invoices')", async () => {
    expect(names(await search(owner.token, "q=discussing"))).toEqual(["Meeting notes"]);
    expect(names(await search(owner.token, "q=invoice"))).toContain("Meeting notes");
  });

  it("understands web-search syntax: phrases and exclusions", async () => {
    expect(names(await search(owner.token, `q=${encodeURIComponent('"audit schedule"')}`))).toEqual([
      "Meeting notes",
    ]);
    expect(names(await search(owner.token, "q=invoices%20-meeting"))).not.toContain("Meeting notes");
  });

  it("never returns another tenant's, an invisible or a deleted document", async () => {
    const mine = names(await search(owner.token, "q=invoices"));
    expect(mine).not.toContain("Invoices of someone else");
    expect(mine).not.toContain("Invoices deleted");
    expect(mine).not.toContain("Invoices of the south");
    // A document manager sees the whole tenant (documents:read-all), still not the deleted one.
    const all = names(await search(manager.token, "q=invoices"));
    expect(all).toContain("Invoices of someone else");
    expect(all).not.toContain("Invoices deleted");
    expect(all).not.toContain("Invoices of the south");
    expect(names(await search(southOwner.token, "q=invoices"))).toEqual(["Invoices of the south"]);
    expect(names(await search(stranger.token, "q=quarterly"))).toEqual([]);
  });
});

describe("filters", () => {
  it("filters by category, all of the tags, content type and creation dates", async () => {
    const q = "q=invoices";
    expect(names(await search(owner.token, `${q}&category_id=${ids.finance}`))).toEqual([
      "Quarterly invoices 2025",
    ]);
    expect(names(await search(owner.token, `${q}&tags=finance`))).toEqual([
      "Quarterly invoices 2025",
      "Meeting notes",
    ]);
    expect(names(await search(owner.token, `${q}&tags=finance,q1`))).toEqual(["Quarterly invoices 2025"]);
    expect(names(await search(owner.token, `${q}&tags=finance&tags=q1`))).toEqual([
      "Quarterly invoices 2025",
    ]);
    expect(names(await search(owner.token, `${q}&tags=finance,nope`))).toEqual([]);
    expect(names(await search(owner.token, `${q}&content_type=text/plain`))).toEqual(["Meeting notes"]);
    expect(
      names(
        await search(
          owner.token,
          `${q}&created_after=2026-01-03T00:00:00Z&created_before=2026-01-04T00:00:00Z`,
        ),
      ),
    ).toEqual(["Meeting notes"]);
    expect(names(await search(owner.token, `${q}&created_before=2026-01-03T00:00:00Z`))).toEqual([
      "Quarterly invoices 2025",
    ]);
  });

  it("refuses bad parameters naming the field: 400 against the schema, 422 for rules it cannot state", async () => {
    const cases: [string, string, 400 | 422][] = [
      ["", "q", 400],
      ["q=", "q", 400],
      [`q=${"a".repeat(201)}`, "q", 400],
      ["q=%21%21%21", "q", 400],
      ["q=x&category_id=finance", "category_id", 400],
      ["q=x&created_after=yesterday", "created_after", 400],
      ["q=x&created_after=2026-02-01T00:00:00Z&created_before=2026-01-01T00:00:00Z", "created_after", 422],
      ["q=x&limit=0", "limit", 400],
      ["q=x&limit=101", "limit", 400],
      ["q=x&tags=", "tags", 422],
      [`q=x&tags=${"t".repeat(101)}`, "tags", 422],
      ["q=x&sort=name", "sort", 400],
    ];
    for (const [qs, field, status] of cases) {
      const r = await search(owner.token, qs);
      expect([qs, r.status, r.body.error.code, r.body.error.details[0]?.field]).toEqual([
        qs,
        status,
        status === 400 ? "VALIDATION_ERROR" : "UNPROCESSABLE_ENTITY",
        field,
      ]);
    }
  });

  it("needs documents:read and a token", async () => {
    expect((await h.call("GET", "/documents/search?q=x")).status).toBe(401);
  });
});

describe("pagination", () => {
  it("walks every hit once, in rank order, across pages, including exact ties", async () => {
    const tie = new Date(Date.UTC(2026, 1, 1));
    for (let i = 0; i < 23; i++) {
      await h.document("north", {
        name: `Ledger ${i}`,
        // Three groups of equal rank. In each, some documents share one instant (the id breaks
        // those ties) and others differ by microseconds only (a millisecond cursor would lose them).
        extractedText: "ledger ".repeat(1 + (i % 3)),
        createdBy: owner.id,
        createdAt: i % 2 === 0 ? tie : `2026-02-01 00:00:00.0001${String(i).padStart(2, "0")}+00`,
      });
    }
    const all = await search(owner.token, "q=ledger&limit=100");
    expect(all.body.data.items).toHaveLength(23);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await search(owner.token, `q=ledger&limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.data.items.map((i: { id: string }) => i.id));
      cursor = r.body.data.next_cursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(6);
    expect(new Set(seen).size).toBe(23);
    expect(seen).toEqual(all.body.data.items.map((i: { id: string }) => i.id));
  });

  it("refuses a tampered cursor, or one of another query or caller, naming cursor", async () => {
    const first = await search(owner.token, "q=ledger&limit=2");
    const cursor: string = first.body.data.next_cursor;
    const env = JSON.parse(Buffer.from(cursor, "base64url").toString());
    const edited = Buffer.from(JSON.stringify({ ...env, p: { ...env.p, rank: 99 } })).toString("base64url");
    const cases: [string, string, string][] = [
      ["edited rank", owner.token, `q=ledger&limit=2&cursor=${edited}`],
      ["truncated", owner.token, `q=ledger&limit=2&cursor=${cursor.slice(0, -3)}`],
      ["not base64", owner.token, "q=ledger&limit=2&cursor=%24%24"],
      ["other query", owner.token, `q=invoices&limit=2&cursor=${cursor}`],
      ["other filters", owner.token, `q=ledger&limit=2&tags=finance&cursor=${cursor}`],
      ["other caller", manager.token, `q=ledger&limit=2&cursor=${cursor}`],
    ];
    for (const [label, token, qs] of cases) {
      const r = await search(token, qs);
      expect([label, r.status, r.body.error.details[0]?.field]).toEqual([label, 422, "cursor"]);
    }
  });
});

describe("routing", () => {
  it("/documents/search wins over a /documents/{id} route registered after it", async () => {
    // Stand-in for the document routes: an {id} route registered after the extras, as in main.
    const app = h.appWith([
      (a) => a.get("/api/v2/documents/:id", (c) => c.json({ stand_in: c.req.param("id") })),
    ]);
    const res = await app.request("/api/v2/documents/search?q=quarterly", {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    const body = (await res.json()) as { data: { items: { name: string }[] } };
    expect(body.data.items.map((i) => i.name)).toEqual(["Quarterly invoices 2025"]);
    const other = await app.request(`/api/v2/documents/${ids.inName}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(await other.json()).toEqual({ stand_in: ids.inName });
  });
});
