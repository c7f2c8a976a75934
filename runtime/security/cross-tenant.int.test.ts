// The cross-tenant attack table over the whole app as runtime/main.ts wires it: tenant A's
// tenant-admin (A's most powerful tenant user) calls every operation in /api/v2/openapi.json with
// tenant B's ids, in the path or in the body, and every list and search; every attempt is refused
// (403/404, nothing of B's in the answer) and B's rows are byte-for-byte unchanged afterwards.
// Then raw SQL as the app role with A set sees none of B's rows in any tenant table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TENANT_TABLES } from "../db/schema/index.ts";
import {
  type Attack,
  attackTable,
  fill,
  NO_TENANT_RESOURCE,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  RESOURCE_BY_FIELD,
  type ResourceKind,
  sampleBody,
} from "./operations.ts";
import { type Harness, startHarness } from "./testing/harness.ts";
import { type Resources, seedTenant } from "./testing/seed.ts";

/** Lists whose answer names no row of the seed, with the reason (no leak can show there). */
const LISTS_WITHOUT_SEEDED_ROWS: Record<string, string> = {
  "GET /api/v2/audit/verify": "a chain summary (count and head hash); the count is checked below",
  "GET /api/v2/compliance/reports": "aggregate counts, no ids; the counts are checked below",
  "GET /api/v2/notifications/preferences": "the caller's own modes per event type, no ids",
  "GET /api/v2/retention/due": "nothing of the seed is past its retention",
};

let h: Harness;
let doc: OpenApiDocument;
let ops: Operation[];
let a: Resources;
let b: Resources;

beforeAll(async () => {
  h = await startHarness();
  doc = (await (await fetch(`${h.url}/api/v2/openapi.json`)).json()) as OpenApiDocument;
  ops = operationsOf(doc);
  a = await seedTenant(h, h.A, doc);
  b = await seedTenant(h, h.B, doc);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** Every tenant table's rows of one tenant, as text: any change shows. */
async function snapshot(tenantId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TENANT_TABLES) {
    const column = table === "tenants" ? "id" : "tenant_id";
    const [row] = await h.admin.unsafe(
      `select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest
         from ${table} t where ${column} = $1`,
      [tenantId],
    );
    out[table] = `${row?.n}:${row?.digest}`;
  }
  return out;
}

function idsOf(r: Resources) {
  return (kind: ResourceKind): string => {
    const id = r.ids[kind];
    if (id === undefined) throw new Error(`the seed made no ${kind}; extend runtime/security/seed.ts`);
    return id;
  };
}

function leaked(text: string): string[] {
  return b.markers.filter((m) => text.includes(m));
}

function describeAttack(x: Attack): string {
  if (x.kind === "path") return `${x.op.key} with B's ${Object.values(x.params).join(", ")}`;
  if (x.kind === "body") return `${x.op.key} naming B's ${Object.values(x.fields).join(", ")} in the body`;
  return `${x.op.key} lists none of B's rows`;
}

describe("the attack table", () => {
  it("covers every operation in the OpenAPI document: attacked, or exempt with a reason", () => {
    const { attacks, exempt, unclassified } = attackTable(ops);
    expect(
      unclassified.map((o) => o.key),
      "add a row to RESOURCE_BY_SEGMENT or NO_TENANT_RESOURCE (runtime/security/operations.ts)",
    ).toEqual([]);
    // An exemption for an operation the app no longer has would hide its successor.
    expect(Object.keys(NO_TENANT_RESOURCE).filter((k) => !ops.some((o) => o.key === k))).toEqual([]);
    const covered = new Set([...attacks.map((x) => x.op.key), ...exempt.map((e) => e.op.key)]);
    expect(ops.filter((o) => !covered.has(o.key)).map((o) => o.key)).toEqual([]);
    // The app as wired has at least the documents, auth and audit routes.
    expect(attacks.length).toBeGreaterThanOrEqual(30);
  });

  it("tenant A's tenant-admin gets 403 or 404 for every operation on B's resources; B is unchanged", async () => {
    const before = await snapshot(h.B.id);
    const token = h.A.users["tenant-admin"].token;
    const { attacks } = attackTable(ops);
    // Deletes last, so a wrongly successful delete cannot hide a later read's leak.
    const ordered = [...attacks].sort(
      (x, y) => Number(x.op.method === "DELETE") - Number(y.op.method === "DELETE"),
    );
    const results: string[] = [];
    for (const x of ordered) {
      const theirs = idsOf(b);
      const ours = idsOf(a);
      if (x.kind === "list") continue;
      // A path attack names B's resources in the path; a body attack A's own, with B's in the body.
      const pathIds = x.kind === "path" ? theirs : ours;
      const kinds = pathParamKinds(x.op);
      const values = Object.fromEntries(
        x.op.pathParams.map((p) => [p, pathIds(kinds[p] ?? ("unknown" as ResourceKind))]),
      );
      // A body attack names B's resources in the body; a path attack A's own where one is required
      // (A sharing B's document with A's user).
      const body = x.op.jsonBody
        ? sampleBody(x.op.jsonBody, (f, required) => {
            if (x.kind === "body") {
              const kind = x.fields[f];
              return kind ? theirs(kind) : undefined;
            }
            const kind = RESOURCE_BY_FIELD[f];
            return kind && required ? ours(kind) : undefined;
          })
        : undefined;
      const res = await h.call(x.op.method, fill(x.op.path, values), {
        token,
        ...(body !== undefined
          ? { json: body }
          : x.op.method !== "GET" && x.op.method !== "DELETE"
            ? { body: "x", contentType: "text/plain" }
            : {}),
      });
      // A refusal must come from B's id: 403/404, or a 4xx whose details name the field holding it.
      const namesField =
        x.kind === "body" &&
        [400, 409, 422].includes(res.status) &&
        (res.body.error?.details ?? []).some((d) => d.field in x.fields);
      const ok =
        ([403, 404].includes(res.status) || namesField) &&
        res.body.error !== undefined &&
        res.body.meta !== undefined;
      results.push(
        `${ok ? "refused" : "NOT REFUSED"} ${res.status} ${describeAttack(x)}${ok ? "" : `: ${res.text.slice(0, 300)}`}`,
      );
    }
    expect(results.filter((r) => !r.startsWith("refused"))).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(25);
    expect(await snapshot(h.B.id)).toEqual(before);
  });

  it("no list or search shows A any of B's rows, while B's own call shows them", async () => {
    const { attacks } = attackTable(ops);
    const lists = attacks.filter((x) => x.kind === "list");
    expect(lists.length).toBeGreaterThanOrEqual(6);
    const problems: string[] = [];
    for (const x of lists) {
      // A search for a word only B's document holds.
      const path = `${x.op.path}${x.op.queryParams.includes("q") ? `?q=${b.markers[0]}` : ""}`;
      const attack = await h.call("GET", path, { token: h.A.users["tenant-admin"].token });
      if (attack.status >= 500 || attack.status === 401 || leaked(attack.text).length > 0)
        problems.push(`${x.op.key} as A: ${attack.status}, leaked ${leaked(attack.text).join(", ")}`);
      // The same call by B's admin shows B's rows: the check above can fail.
      const control = await h.call("GET", path, { token: h.B.users["tenant-admin"].token });
      if (control.status !== 200)
        problems.push(`${x.op.key} as B: ${control.status} ${control.text.slice(0, 200)}`);
      else if (leaked(control.text).length === 0 && LISTS_WITHOUT_SEEDED_ROWS[x.op.key] === undefined)
        problems.push(`${x.op.key} as B shows none of B's seeded rows; seed one or list it with a reason`);
    }
    expect(problems).toEqual([]);
  });

  it("audit verify counts A's chain only", async () => {
    const res = await h.call("GET", "/api/v2/audit/verify", { token: h.A.users["tenant-admin"].token });
    const [row] = await h.admin<{ n: number }[]>`
      select count(*)::int as n from audit_logs where tenant_id = ${h.A.id}`;
    expect(res.status).toBe(200);
    expect((res.body.data as { checked: number }).checked).toBe(row?.n);
  });

  it("the compliance report counts A's checks only", async () => {
    if (!ops.some((o) => o.key === "GET /api/v2/compliance/reports")) return;
    const count = async (tenantId: string) => {
      const [row] = await h.admin<{ n: number }[]>`
        select count(*)::int as n from compliance_checks where tenant_id = ${tenantId}`;
      return row?.n ?? 0;
    };
    const total = (body: unknown) => {
      const d = (body as { data: { totals: { checks: number }; pending: number } }).data;
      return d.totals.checks + d.pending;
    };
    const asA = await h.call("GET", "/api/v2/compliance/reports", { token: h.A.users["tenant-admin"].token });
    const asB = await h.call("GET", "/api/v2/compliance/reports", { token: h.B.users["tenant-admin"].token });
    expect([asA.status, asB.status]).toEqual([200, 200]);
    expect(await count(h.B.id)).toBeGreaterThan(0);
    expect(total(asA.body)).toBe(await count(h.A.id));
    expect(total(asB.body)).toBe(await count(h.B.id));
  });

  it("list filters naming B's resources return nothing of B's", async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const op of ops.filter((o) => o.method === "GET" && o.pathParams.length === 0)) {
      for (const p of op.queryParams.filter((q) => RESOURCE_BY_FIELD[q] !== undefined)) {
        const id = b.ids[RESOURCE_BY_FIELD[p] as ResourceKind];
        const res = await h.call("GET", `${op.path}?${p}=${id}`, {
          token: h.A.users["tenant-admin"].token,
        });
        checked++;
        if (res.status >= 500 || (res.status === 200 && leaked(res.text).length > 0))
          problems.push(`${op.key}?${p}=B's: ${res.status} ${res.text.slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});

/** Which resource each path parameter of an operation names. */
function pathParamKinds(op: Operation): Record<string, ResourceKind> {
  const { attacks } = attackTable([{ ...op, jsonBody: undefined }]);
  const x = attacks[0];
  return x?.kind === "path" ? x.params : {};
}

describe("raw SQL as the app role with tenant A set", () => {
  async function rowsAs(tenantId: string, table: string) {
    const column = table === "tenants" ? "id" : "tenant_id";
    return h.app.begin(async (tx) => {
      await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
      // No WHERE: only row-level security decides what is visible.
      const rows = await tx.unsafe(`select ${column}::text as owner from ${table}`);
      return rows.map((r) => String(r.owner));
    });
  }

  it.each([...TENANT_TABLES])("%s: none of B's rows with A set; B's rows with B set", async (table) => {
    const asA = await rowsAs(h.A.id, table);
    const asB = await rowsAs(h.B.id, table);
    expect(asA.filter((owner) => owner === h.B.id)).toEqual([]);
    expect(asA.length, `A's own rows in ${table}`).toBeGreaterThan(0);
    expect(asB.filter((owner) => owner === h.B.id).length, `B's rows in ${table}`).toBeGreaterThan(0);
    expect(asB.filter((owner) => owner !== h.B.id)).toEqual([]);
  });

  it("with no tenant set sees no row at all", async () => {
    for (const table of TENANT_TABLES) {
      const rows = await h.app.begin((tx) => tx.unsafe(`select 1 from ${table}`));
      expect([table, rows.length]).toEqual([table, 0]);
    }
  });
});
