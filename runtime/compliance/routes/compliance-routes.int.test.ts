// The /api/v2/compliance routes on real PostgreSQL and storage: a check run now and stored like the
// pipeline stores it (the document's own words even under a "redact" policy), listing with
// pagination, the catalogue, reports and the profile; bad input, other tenants' documents and roles
// without the permission are refused with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FRAMEWORKS } from "../../../crds/index.ts";
import { type AiHarness, aiHarness, type ErrorBody } from "../../ai/routes/testing.ts";
import type { Role } from "../../auth/rbac.ts";
import type { Caller } from "../../documents/testing/index.ts";

const CARD_TEXT =
  "Payment record. Cardholder card number 4111 1111 1111 1111 was charged for the subscription.";

interface Result {
  framework: string;
  status: string;
  score: number;
  findings: { rule_id: string; location?: { start: number; end: number } }[];
}
interface Data<T> {
  data: T;
}

let h: AiHarness;
let north: Record<Role, Caller>;
let south: Record<Role, Caller>;

beforeAll(async () => {
  h = await aiHarness();
  north = h.users.north;
  south = h.users.south;
  h.policies.set(north["tenant-admin"].tenantId, {
    frameworks: ["GDPR", "PCI-DSS"],
    pii: "redact",
    documentRules: [{ name: "reviewed", requiredTags: ["reviewed"] }],
  });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const checks = () => h.count("compliance_checks");

describe("POST /compliance/check", () => {
  it("checks the current version against the profile's frameworks and stores one row each", async () => {
    const doc = await h.upload(north["end-user"], CARD_TEXT);
    const before = await checks();
    const res = await h.json<Data<{ document_id: string; version: number; results: Result[] }>>(
      "POST",
      "/compliance/check",
      north["compliance-officer"],
      { document_id: doc },
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ document_id: doc, version: 1 });
    expect(res.body.data.results.map((r) => r.framework)).toEqual(["GDPR", "PCI-DSS"]);
    const pci = res.body.data.results.find((r) => r.framework === "PCI-DSS");
    expect(pci?.status).toBe("failed");
    const pan = pci?.findings.find((f) => f.rule_id === "pci-dss.pan-unmasked");
    expect(CARD_TEXT.slice(pan?.location?.start, pan?.location?.end)).toBe("4111 1111 1111 1111");
    // The profile's document rule counts in every framework.
    for (const r of res.body.data.results)
      expect(r.findings.map((f) => f.rule_id)).toContain("profile.reviewed");
    expect(await checks()).toBe(before + 2);

    // A subset replaces only its own rows; a re-run replaces, never adds.
    const sox = await h.json<Data<{ results: Result[] }>>(
      "POST",
      "/compliance/check",
      north["tenant-admin"],
      {
        document_id: doc,
        frameworks: ["SOX"],
      },
    );
    expect(sox.body.data.results.map((r) => r.framework)).toEqual(["SOX"]);
    expect(await checks()).toBe(before + 3);
    await h.json("POST", "/compliance/check", north["tenant-admin"], { document_id: doc });
    expect(await checks()).toBe(before + 3);
    const [audit] = await h.fx.admin<{ n: number }[]>`
      select count(*)::int as n from audit_logs where action = 'compliance.check' and resource_id = ${doc}`;
    expect(audit?.n).toBe(3);
  });

  it("judges the document's own words when the pipeline stored a redacted text", async () => {
    const admin = north["tenant-admin"];
    const doc = await h.upload(admin, CARD_TEXT);
    const masked = CARD_TEXT.replace("4111 1111 1111 1111", "**** **** **** 1111");
    await h.fx.admin`insert into document_analyses (tenant_id, document_id, version, extraction)
      values (${admin.tenantId}, ${doc}, 1, ${h.fx.admin.json({ text: masked, redacted: true })})`;
    const res = await h.json<Data<{ results: Result[] }>>("POST", "/compliance/check", admin, {
      document_id: doc,
      frameworks: ["PCI-DSS"],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.results[0]?.findings.map((f) => f.rule_id)).toContain("pci-dss.pan-unmasked");
  });

  it("refuses bad input, other tenants' documents and roles without compliance:run, storing nothing", async () => {
    const doc = await h.upload(north["end-user"], CARD_TEXT);
    const before = await checks();
    const cases: [Caller, unknown, number, string | undefined][] = [
      [north["tenant-admin"], { document_id: doc, frameworks: ["ISO27001"] }, 400, "frameworks.0"],
      [north["tenant-admin"], { document_id: doc, frameworks: [] }, 400, "frameworks"],
      [north["tenant-admin"], { document_id: doc, dry_run: true }, 400, "dry_run"],
      [north["tenant-admin"], { document_id: "nope" }, 400, "document_id"],
      [north["tenant-admin"], { document_id: "00000000-0000-4000-8000-000000000000" }, 404, "document_id"],
      [south["tenant-admin"], { document_id: doc }, 404, "document_id"],
      [south["compliance-officer"], { document_id: doc, frameworks: ["GDPR"] }, 404, "document_id"],
      [north["document-manager"], { document_id: doc }, 403, undefined],
      [north["end-user"], { document_id: doc }, 403, undefined],
    ];
    for (const [who, body, status, field] of cases) {
      const res = await h.json<ErrorBody>("POST", "/compliance/check", who, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (field) expect(res.body.error.details[0]?.field).toBe(field);
    }
    const bad = await h.json<ErrorBody>("POST", "/compliance/check", north["tenant-admin"], {
      document_id: doc,
      frameworks: ["ISO27001"],
    });
    expect(bad.body.error.details[0]?.message).toBe(`must be one of ${FRAMEWORKS.join(", ")}`);
    expect(await checks()).toBe(before);
  });

  it("422 naming frameworks when the profile lists none and the request names none", async () => {
    const tenantId = south["tenant-admin"].tenantId;
    h.policies.set(tenantId, { frameworks: [], pii: "flag", documentRules: [] });
    try {
      const doc = await h.upload(south["end-user"], CARD_TEXT);
      const res = await h.json<ErrorBody>("POST", "/compliance/check", south["tenant-admin"], {
        document_id: doc,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]?.field).toBe("frameworks");
    } finally {
      h.policies.delete(tenantId);
    }
  });
});

describe("GET /compliance/checks", () => {
  it("pages a document's checks newest first; other tenants get 404, other filters refuse the cursor", async () => {
    const doc = await h.upload(north["end-user"], CARD_TEXT);
    await h.json("POST", "/compliance/check", north["tenant-admin"], { document_id: doc });
    await h.json("POST", "/compliance/check", north["tenant-admin"], {
      document_id: doc,
      frameworks: ["HIPAA"],
    });
    type Page = Data<{
      items: { framework: string; document_id: string; status: string }[];
      next_cursor: string | null;
    }>;
    const first = await h.json<Page>(
      "GET",
      `/compliance/checks?document_id=${doc}&limit=2`,
      north["document-manager"],
    );
    expect(first.status).toBe(200);
    expect(first.body.data.items[0]?.framework).toBe("HIPAA");
    expect(first.body.data.items).toHaveLength(2);
    const cursor = first.body.data.next_cursor as string;
    const second = await h.json<Page>(
      "GET",
      `/compliance/checks?document_id=${doc}&limit=2&cursor=${cursor}`,
      north["document-manager"],
    );
    expect(second.body.data.items).toHaveLength(1);
    expect(second.body.data.next_cursor).toBeNull();
    const all = [...first.body.data.items, ...second.body.data.items].map((i) => i.framework).sort();
    expect(all).toEqual(["GDPR", "HIPAA", "PCI-DSS"]);

    const filtered = await h.json<Page>(
      "GET",
      `/compliance/checks?framework=PCI-DSS&status=failed`,
      north["tenant-admin"],
    );
    expect(filtered.body.data.items.length).toBeGreaterThan(0);
    expect(filtered.body.data.items.every((i) => i.framework === "PCI-DSS" && i.status === "failed")).toBe(
      true,
    );

    const foreignCursor = await h.json<ErrorBody>(
      "GET",
      `/compliance/checks?limit=2&cursor=${cursor}`,
      north["document-manager"],
    );
    expect(foreignCursor.status).toBe(422);
    expect(foreignCursor.body.error.details[0]?.field).toBe("cursor");
    const other = await h.json<ErrorBody>(
      "GET",
      `/compliance/checks?document_id=${doc}`,
      south["tenant-admin"],
    );
    expect(other.status).toBe(404);
    const southAll = await h.json<Page>("GET", "/compliance/checks", south["tenant-admin"]);
    expect(southAll.body.data.items.some((i) => i.document_id === doc)).toBe(false);
    const badStatus = await h.json<ErrorBody>("GET", "/compliance/checks?status=done", north["tenant-admin"]);
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.details[0]?.field).toBe("status");
  });
});

describe("GET /compliance/frameworks, /reports, /policies", () => {
  it("lists the five rule sets with their rules", async () => {
    const res = await h.json<
      Data<{ items: { framework: string; version: string; rules: { id: string }[] }[] }>
    >("GET", "/compliance/frameworks", north["document-manager"]);
    expect(res.status).toBe(200);
    expect(res.body.data.items.map((f) => f.framework)).toEqual([...FRAMEWORKS]);
    expect(res.body.data.items.find((f) => f.framework === "PCI-DSS")?.rules.map((r) => r.id)).toContain(
      "pci-dss.pan-unmasked",
    );
  });

  it("reports totals, the current state per framework, a trend and the top failing rules", async () => {
    const doc = await h.upload(north["end-user"], CARD_TEXT);
    await h.json("POST", "/compliance/check", north["tenant-admin"], {
      document_id: doc,
      frameworks: ["PCI-DSS"],
    });
    const [row] = await h.fx.admin<{ n: number }[]>`
      select count(*)::int as n from compliance_checks where tenant_id = ${north["tenant-admin"].tenantId}`;
    type Report = Data<{
      totals: { checks: number; failed: number };
      current: { by_framework: Record<string, { failed: number }> };
      trend: { period: string; checks: number }[];
      top_failing_rules: { rule_id: string; framework: string; documents: number }[];
    }>;
    const day = await h.json<Report>("GET", "/compliance/reports", north["compliance-officer"]);
    expect(day.status).toBe(200);
    expect(day.body.data.totals.checks).toBe(row?.n);
    expect(day.body.data.current.by_framework["PCI-DSS"]?.failed).toBeGreaterThan(0);
    expect(day.body.data.trend.length).toBeGreaterThanOrEqual(30);
    expect(day.body.data.trend.at(-1)?.checks).toBe(row?.n);
    expect(day.body.data.top_failing_rules.map((r) => r.rule_id)).toContain("pci-dss.pan-unmasked");

    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const week = await h.json<Report>(
      "GET",
      `/compliance/reports?interval=week&from=2026-01-05&to=${to}&framework=PCI-DSS`,
      north["compliance-officer"],
    );
    expect(week.status).toBe(200);
    expect(Object.keys(week.body.data.current.by_framework)).toEqual(["PCI-DSS"]);
    const south0 = await h.json<Report>("GET", "/compliance/reports", south["tenant-admin"]);
    expect(south0.body.data.top_failing_rules.every((r) => r.documents <= 1)).toBe(true);

    // 400 against the schema; 422 for the rules between from and to, which it cannot state.
    for (const [query, field, status] of [
      ["interval=month", "interval", 400],
      ["from=2026-03-01&to=2026-02-01", "from", 422],
      ["from=yesterday", "from", 400],
      ["interval=day&from=2020-01-01&to=2026-01-01", "from", 422],
      ["top=3", "top", 400],
    ] as const) {
      const res = await h.json<ErrorBody>("GET", `/compliance/reports?${query}`, north["compliance-officer"]);
      expect(res.status, query).toBe(status);
      expect(res.body.error.details[0]?.field).toBe(field);
    }
  });

  it("shows the tenant's profile: frameworks with rule set versions, PII mode and document rules", async () => {
    const res = await h.json<
      Data<{ frameworks: { framework: string; version: string }[]; pii: string; document_rules: unknown[] }>
    >("GET", "/compliance/policies", north["document-manager"]);
    expect(res.status).toBe(200);
    expect(res.body.data.frameworks.map((f) => f.framework)).toEqual(["GDPR", "PCI-DSS"]);
    expect(res.body.data.frameworks[0]?.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(res.body.data).toMatchObject({
      pii: "redact",
      document_rules: [{ name: "reviewed", requiredTags: ["reviewed"] }],
    });
    const other = await h.json<Data<{ pii: string }>>("GET", "/compliance/policies", south["tenant-admin"]);
    expect(other.body.data.pii).toBe("flag");
  });

  it("403 for roles without compliance:read", async () => {
    for (const path of [
      "/compliance/checks",
      "/compliance/frameworks",
      "/compliance/reports",
      "/compliance/policies",
    ]) {
      const res = await h.json<ErrorBody>("GET", path, north["end-user"]);
      expect(res.status, path).toBe(403);
      expect(res.body.error.message).toContain('permission "compliance:read" required');
    }
  });
});
