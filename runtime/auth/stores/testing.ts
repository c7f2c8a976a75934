// Test support (imported by *.int.test.ts only): a fresh migrated database with registered
// tenants (shared placement, the app role) and a way to add users as the admin.
import postgres from "postgres";
import { TenantDatabases, TenantRegistry, tenantUuid } from "../../db/index.ts";
import { type FreshDatabase, freshDatabase } from "../../db/testing/index.ts";
import {
  type AccessTokenService,
  createAccessTokenService,
  generateAccessTokenKey,
} from "../access-token.ts";

export interface AuthFixture {
  fresh: FreshDatabase;
  admin: postgres.Sql;
  registry: TenantRegistry;
  dbs: TenantDatabases;
  tenantId(slug: string): string;
  addUser(
    slug: string,
    user: { email: string; passwordHash?: string | null; role?: string; status?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

/**
 * Migrations of two fresh databases at once can collide on the cluster-wide app role ("tuple
 * concurrently updated" from ALTER ROLE: 0002_rls.sql's advisory lock is per database, so it
 * does not serialize them). Retry a few times with jitter.
 */
async function freshDatabaseWithRetry(): Promise<FreshDatabase> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await freshDatabase();
    } catch (err) {
      const text = `${String(err)} ${String((err as { cause?: unknown }).cause)}`;
      if (attempt >= 5 || !text.includes("tuple concurrently updated")) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
    }
  }
}

/** An access-token service with a fresh key, as the tests' apps verify tokens. */
export async function testAccessTokens(): Promise<AccessTokenService> {
  const key = await generateAccessTokenKey("k1");
  return createAccessTokenService({
    issuer: "wspec-test",
    audience: "wspec-api",
    signingKey: { kid: key.kid, privateKeyPem: key.privateKeyPem },
  });
}

export async function authFixture(slugs: readonly string[]): Promise<AuthFixture> {
  const fresh = await freshDatabaseWithRetry();
  const admin = postgres(fresh.adminUrl, { max: 2, onnotice: () => {} });
  const url = new URL(fresh.appUrl);
  const registry = new TenantRegistry();
  for (const slug of slugs) {
    const id = tenantUuid(slug);
    await admin`insert into tenants (id, slug, name, tier) values (${id}, ${slug}, ${slug}, 'starter')`;
    registry.register({
      tenantId: id,
      slug,
      tier: "starter",
      placement: "shared",
      database: {
        host: url.hostname,
        port: Number(url.port),
        name: fresh.name,
        schema: "public",
        user: "wspec_app",
        password: fresh.appPassword,
      },
      redis: { keyPrefix: `t:${slug}:` },
    });
  }
  const dbs = new TenantDatabases({ registry, maxPerPool: 8, maxPerTenant: 8 });
  return {
    fresh,
    admin,
    registry,
    dbs,
    tenantId: tenantUuid,
    async addUser(slug, u) {
      const [row] = await admin<{ id: string }[]>`
        insert into users (tenant_id, email, password_hash, role, status)
        values (${tenantUuid(slug)}, ${u.email.toLowerCase()}, ${u.passwordHash ?? null},
                ${u.role ?? "end-user"}, ${u.status ?? "active"})
        returning id`;
      if (!row) throw new Error("user insert returned nothing");
      return row.id;
    },
    async close() {
      await dbs.close();
      await admin.end({ timeout: 5 });
      await fresh.drop();
    },
  };
}
