// Forced RLS against the real PostgreSQL: the app role sees only the tenant it set, nothing
// without one, cannot turn RLS off or change tables, and owns nothing. Migrations are idempotent.
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle, withTenant } from "./client.ts";
import { migrate, migrateTenant } from "./migrate.ts";
import { documentCategories, documents, TENANT_TABLES, tenants } from "./schema/index.ts";
import { TenantDatabases } from "./tenant-databases.ts";
import { TenantRegistry, tenantUuid } from "./tenant-registry.ts";
import { type FreshDatabase, freshDatabase, migrationCount } from "./testing/index.ts";

const MIGRATIONS = migrationCount();

const A = tenantUuid("tenant-a");
const B = tenantUuid("tenant-b");
let fresh: FreshDatabase;
let admin: postgres.Sql;
let app: postgres.Sql;
let appDb: DatabaseHandle;

const doc = (tenantId: string, name: string, checksum: string) => ({
  tenantId,
  name,
  contentType: "text/plain",
  sizeBytes: 3,
  checksumSha256: checksum,
  storageKey: `${tenantId}/x/${name}`,
});

beforeAll(async () => {
  fresh = await freshDatabase();
  admin = postgres(fresh.adminUrl, { max: 2, onnotice: () => {} });
  app = postgres(fresh.appUrl, { max: 2, onnotice: () => {} });
  appDb = connectDatabase(fresh.appUrl, { max: 2 });
  // Seeding as the superuser (which bypasses RLS): two tenants with a document each.
  await admin`insert into tenants (id, slug, name, tier) values (${A}, 'tenant-a', 'A', 'starter'), (${B}, 'tenant-b', 'B', 'starter')`;
  await admin`insert into documents (tenant_id, name, content_type, size_bytes, checksum_sha256, storage_key)
    values (${A}, 'a.txt', 'text/plain', 1, 'aa', 'k/a'), (${B}, 'b.txt', 'text/plain', 1, 'bb', 'k/b')`;
  await admin`insert into document_categories (tenant_id, name) values (${B}, 'b-secret')`;
});

afterAll(async () => {
  await app?.end({ timeout: 5 });
  await admin?.end({ timeout: 5 });
  await appDb?.close();
  await fresh?.drop();
});

/** Raw SQL as the app role, in a transaction with the tenant set (or none). */
const asApp = (tenant: string | undefined, query: string) =>
  app.begin(async (tx) => {
    if (tenant !== undefined) await tx`select set_config('app.tenant_id', ${tenant}, true)`;
    return tx.unsafe(query);
  });

describe("forced row-level security", () => {
  it("returns none of tenant B's rows to tenant A, even without a WHERE clause", async () => {
    const rows = await asApp(A, "select tenant_id, name from documents");
    expect(rows).toEqual([{ tenant_id: A, name: "a.txt" }]);
    expect(await asApp(A, "select name from document_categories")).toEqual([]);
    expect(await asApp(A, "select slug from tenants")).toEqual([{ slug: "tenant-a" }]);
    expect(await asApp(B, "select name from documents")).toEqual([{ name: "b.txt" }]);
  });

  it("returns nothing and refuses inserts when no tenant is set (or the setting was reset)", async () => {
    expect(await asApp(undefined, "select * from documents")).toEqual([]);
    expect(await app.unsafe("select * from documents")).toEqual([]);
    expect(await asApp("", "select * from documents")).toEqual([]);
    await expect(
      asApp(
        undefined,
        `insert into documents (tenant_id, name, content_type, size_bytes, checksum_sha256, storage_key)
        values ('${A}', 'x', 'text/plain', 1, 'cc', 'k')`,
      ),
    ).rejects.toThrow(/row-level security policy/);
  });

  it("refuses to write a row for another tenant, and updates or deletes nothing of it", async () => {
    await expect(
      asApp(
        A,
        `insert into documents (tenant_id, name, content_type, size_bytes, checksum_sha256, storage_key)
        values ('${B}', 'x', 'text/plain', 1, 'dd', 'k')`,
      ),
    ).rejects.toThrow(/row-level security policy/);
    expect((await asApp(A, "update documents set name = 'pwned'")).count).toBe(1);
    expect((await asApp(A, `delete from documents where tenant_id = '${B}'`)).count).toBe(0);
    const [bRow] = await admin`select name from documents where tenant_id = ${B}`;
    expect(bRow?.name).toBe("b.txt");
    await admin`update documents set name = 'a.txt' where tenant_id = ${A}`;
  });

  it("cannot attach another tenant's category by id (composite foreign key)", async () => {
    const [cat] = await admin<{ id: string }[]>`select id from document_categories where tenant_id = ${B}`;
    const err = await withTenant(appDb.db, A, (tx) =>
      tx.insert(documents).values({ ...doc(A, "c.txt", "c1"), categoryId: cat?.id }),
    ).catch((e: Error) => e);
    expect((err as Error & { cause: { constraint_name: string } }).cause.constraint_name).toBe(
      "documents_tenant_id_category_id_fk",
    );
  });

  it("withTenant scopes drizzle queries and leaves no tenant on the pooled connection", async () => {
    const names = await withTenant(appDb.db, B, (tx) => tx.select({ name: documents.name }).from(documents));
    expect(names).toEqual([{ name: "b.txt" }]);
    const [after] = await appDb.sql`select current_setting('app.tenant_id', true) as t`;
    expect(after?.t ?? "").toBe("");
    await withTenant(appDb.db, A, async (tx) => {
      await tx.insert(documentCategories).values({ tenantId: A, name: "contracts" });
    });
    const mine = await withTenant(appDb.db, A, (tx) =>
      tx
        .select({ name: documentCategories.name })
        .from(documentCategories)
        .where(eq(documentCategories.tenantId, B)),
    );
    expect(mine).toEqual([]);
    await expect(withTenant(appDb.db, "tenant-a", async () => 1)).rejects.toThrow(/is not a uuid/);
  });

  it("is enabled and forced on every tenant table", async () => {
    const rows = await admin<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[]>`
      select relname, relrowsecurity, relforcerowsecurity from pg_class
      where relnamespace = 'public'::regnamespace and relkind = 'r' order by relname`;
    expect(rows.map((r) => r.relname).sort()).toEqual([...TENANT_TABLES].sort());
    for (const r of rows)
      expect([r.relname, r.relrowsecurity, r.relforcerowsecurity]).toEqual([r.relname, true, true]);
  });
});

describe("the app role", () => {
  it("has no superuser or BYPASSRLS and owns nothing", async () => {
    const [role] = await admin`select rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolcanlogin
      from pg_roles where rolname = 'wspec_app'`;
    expect(role).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolcanlogin: true,
    });
    const [owned] =
      await admin`select count(*)::int as n from pg_class where relowner = 'wspec_app'::regrole`;
    expect(owned?.n).toBe(0);
    const [schemas] =
      await admin`select count(*)::int as n from pg_namespace where nspowner = 'wspec_app'::regrole`;
    expect(schemas?.n).toBe(0);
  });

  it("cannot disable or bypass RLS, alter, truncate or create tables", async () => {
    await expect(app.unsafe("alter table documents disable row level security")).rejects.toThrow(
      /must be owner/,
    );
    await expect(app.unsafe("alter table documents no force row level security")).rejects.toThrow(
      /must be owner/,
    );
    await expect(app.unsafe("alter table documents add column x int")).rejects.toThrow(/must be owner/);
    await expect(app.unsafe("drop policy documents_tenant_isolation on documents")).rejects.toThrow(
      /must be owner/,
    );
    await expect(app.unsafe("truncate documents")).rejects.toThrow(/permission denied/);
    await expect(app.unsafe("create table mine (x int)")).rejects.toThrow(/permission denied/);
    await expect(
      app.begin(async (tx) => {
        await tx.unsafe("set local row_security = off");
        return tx.unsafe("select * from documents");
      }),
    ).rejects.toThrow(/row-level security/);
    await expect(app.unsafe("select * from drizzle.__drizzle_migrations")).rejects.toThrow(
      /permission denied/,
    );
  });

  it("may not update or delete audit rows", async () => {
    await expect(asApp(A, "update audit_logs set action = 'x'")).rejects.toThrow(/permission denied/);
    await expect(asApp(A, "delete from audit_logs")).rejects.toThrow(/permission denied/);
  });
});

describe("migrations", () => {
  it("are idempotent", async () => {
    const before = await admin`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(before[0]?.n).toBe(MIGRATIONS);
    expect(await migrate(fresh.adminUrl)).toEqual({ applied: 0, total: MIGRATIONS });
    expect(await migrate(fresh.adminUrl)).toEqual({ applied: 0, total: MIGRATIONS });
    expect((await asApp(A, "select name from documents")).length).toBe(1);
  });

  it("migrate a tenant's own schema, isolated the same way", async () => {
    expect(await migrate(fresh.adminUrl, { schema: "tenant_pro" })).toEqual({
      applied: MIGRATIONS,
      total: MIGRATIONS,
    });
    expect(await migrate(fresh.adminUrl, { schema: "tenant_pro" })).toEqual({
      applied: 0,
      total: MIGRATIONS,
    });
    const [fk] = await admin`select confrelid::regclass::text as target from pg_constraint
      where conname = 'documents_tenant_id_tenants_id_fk' and connamespace = 'tenant_pro'::regnamespace`;
    expect(fk?.target).toBe("tenant_pro.tenants");
    const [forced] =
      await admin`select relforcerowsecurity from pg_class where oid = 'tenant_pro.documents'::regclass`;
    expect(forced?.relforcerowsecurity).toBe(true);
  });
});

describe("TenantDatabases", () => {
  it("routes each tenant to its placement and isolates tenants sharing a pool", async () => {
    const url = new URL(fresh.appUrl);
    const location = (slug: string, schema: string) => ({
      tenantId: tenantUuid(slug),
      slug,
      tier: "starter" as const,
      placement: "shared" as const,
      database: {
        host: url.hostname,
        port: Number(url.port),
        name: fresh.name,
        schema,
        user: "wspec_app",
        password: fresh.appPassword,
      },
      redis: { keyPrefix: `t:${slug}:` },
    });
    const registry = new TenantRegistry();
    registry.register(location("tenant-a", "public"));
    registry.register(location("tenant-b", "public"));
    const dbs = new TenantDatabases({ registry, maxPerPool: 2, maxTotal: 4 });
    try {
      const a = await dbs.withTenant(A, (tx) => tx.select({ name: documents.name }).from(documents));
      const b = await dbs.withTenant(B, (tx) => tx.select({ name: documents.name }).from(documents));
      expect(a).toEqual([{ name: "a.txt" }]);
      expect(b).toEqual([{ name: "b.txt" }]);
      expect(dbs.stats()).toMatchObject({ pools: 1, budgeted: 2 });
      await expect(dbs.withTenant(tenantUuid("nobody"), async () => 1)).rejects.toThrow(/is not registered/);
      // Concurrency is bounded but all work completes.
      const results = await Promise.all(
        Array.from({ length: 20 }, () => dbs.withTenant(A, (tx) => tx.select().from(tenants))),
      );
      expect(results.every((r) => r.length === 1)).toBe(true);
    } finally {
      await dbs.close();
    }
  });
});

describe("a tenant provisioned the way the operator does it (own schema, own login role)", () => {
  it("migrates its schema, lets its role act as the app role, and isolates it", async () => {
    const slug = `pro-${Math.random().toString(36).slice(2, 8)}`;
    const role = `tenant_${slug.replaceAll("-", "_")}`;
    const password = "operator-generated-password";
    // What stacks/local/postgres-tenant.ts does for a professional tenant.
    await admin.unsafe(
      `CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD '${password}'`,
    );
    await admin.unsafe(`CREATE SCHEMA ${role}; REVOKE ALL ON SCHEMA ${role} FROM PUBLIC`);
    try {
      const url = new URL(fresh.adminUrl);
      const registry = new TenantRegistry();
      const loc = registry.register({
        tenantId: tenantUuid(slug),
        slug,
        tier: "professional",
        placement: "schema",
        database: {
          host: url.hostname,
          port: Number(url.port),
          name: fresh.name,
          schema: role,
          user: role,
          password,
        },
        redis: { keyPrefix: `t:${slug}:` },
      });
      expect(await migrateTenant(fresh.adminUrl, loc)).toEqual({ applied: MIGRATIONS, total: MIGRATIONS });
      expect(await migrateTenant(fresh.adminUrl, loc)).toEqual({ applied: 0, total: MIGRATIONS });
      const dbs = new TenantDatabases({ registry });
      try {
        await dbs.ensureTenantRow(loc.tenantId, "Pro Bank");
        await dbs.ensureTenantRow(loc.tenantId, "Pro Bank");
        const rows = await dbs.withTenant(loc.tenantId, (tx) =>
          tx.select({ name: tenants.name }).from(tenants),
        );
        expect(rows).toEqual([{ name: "Pro Bank" }]);
        // The public schema's documents are not on its search_path, its own schema's are empty.
        expect(await dbs.withTenant(loc.tenantId, (tx) => tx.select().from(documents))).toEqual([]);
        await expect(dbs.ensureTenantRow(A)).rejects.toThrow(/is not registered/);
      } finally {
        await dbs.close();
      }
      const [owned] = await admin`select count(*)::int as n from pg_class where relowner = ${role}::regrole`;
      expect(owned?.n).toBe(0);
    } finally {
      await admin.unsafe(`DROP SCHEMA ${role} CASCADE; DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
  });
});
