// Applies runtime/db/migrations with drizzle's migrator as the admin (owner) role: schema, then
// RLS, the app role and its grants (0002_rls.sql). Idempotent: applied migrations are recorded
// and skipped. A tenant with its own schema gets the same migrations inside that schema.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as drizzleMigrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { quoteIdent, quoteLiteral } from "./sql.ts";

export const MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), "migrations");
/** The app login role the migrations create (no BYPASSRLS, owns nothing, DML only). */
export const APP_ROLE = "wspec_app";
/** Serializes cluster-wide role changes between concurrent migrations (same key as 0002_rls.sql). */
const ROLE_LOCK = 2003195204;

export interface MigrateOptions {
  /** Schema to migrate (a tenant's own schema); created if missing. @default "public" */
  schema?: string;
  /** Sets the app role's password (local and test set-ups; production uses a Secret). */
  appPassword?: string;
  /** Login roles that act as the app role (e.g. the operator's `tenant_<id>` roles). */
  grantAppRoleTo?: string[];
  /** @default MIGRATIONS_FOLDER */
  migrationsFolder?: string;
}

export interface MigrateResult {
  /** Migrations applied by this call (0 when already up to date). */
  applied: number;
  total: number;
}

export async function migrate(adminUrl: string, opts: MigrateOptions = {}): Promise<MigrateResult> {
  // Roles are cluster-wide, advisory locks per database: two databases migrating at once would
  // both alter wspec_app ("tuple concurrently updated"). One lock in the cluster's maintenance
  // database serializes migrations across every database of the server.
  const lockUrl = new URL(adminUrl);
  lockUrl.pathname = "/postgres";
  const lock = postgres(lockUrl.toString(), { max: 1, onnotice: () => {} });
  try {
    await lock.unsafe(`select pg_advisory_lock(${ROLE_LOCK})`);
    return await migrateLocked(adminUrl, opts);
  } finally {
    await lock.unsafe(`select pg_advisory_unlock(${ROLE_LOCK})`).catch(() => {});
    await lock.end({ timeout: 5 });
  }
}

async function migrateLocked(adminUrl: string, opts: MigrateOptions): Promise<MigrateResult> {
  const { schema = "public", appPassword, grantAppRoleTo = [], migrationsFolder = MIGRATIONS_FOLDER } = opts;
  quoteIdent(schema);
  const sql = postgres(adminUrl, {
    max: 1,
    onnotice: () => {},
    connection: { search_path: schema === "public" ? "public" : `${schema}` },
  });
  let folder = migrationsFolder;
  try {
    const migrationsSchema = schema === "public" ? "drizzle" : schema;
    if (schema !== "public") {
      await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      folder = await inSchema(migrationsFolder, schema);
    }
    const count = async () => {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from information_schema.tables
        where table_schema = ${migrationsSchema} and table_name = '__drizzle_migrations'`;
      if (!row?.n) return 0;
      const [c] = await sql.unsafe<{ n: number }[]>(
        `select count(*)::int as n from ${quoteIdent(migrationsSchema)}.__drizzle_migrations`,
      );
      return c?.n ?? 0;
    };
    const before = await count();
    await drizzleMigrate(drizzle(sql), { migrationsFolder: folder, migrationsSchema });
    const after = await count();
    if (appPassword !== undefined || grantAppRoleTo.length > 0) {
      await sql.begin(async (tx) => {
        await tx.unsafe(`select pg_advisory_xact_lock(${ROLE_LOCK})`);
        if (appPassword !== undefined) {
          await tx.unsafe(`ALTER ROLE ${APP_ROLE} PASSWORD ${quoteLiteral(appPassword)}`);
        }
        for (const role of grantAppRoleTo) await tx.unsafe(`GRANT ${APP_ROLE} TO ${quoteIdent(role)}`);
      });
    }
    return { applied: after - before, total: after };
  } finally {
    await sql.end({ timeout: 5 });
    if (folder !== migrationsFolder) await rm(folder, { recursive: true, force: true });
  }
}

/**
 * A copy of the migrations that targets `schema`: drizzle-kit qualifies foreign-key targets with
 * "public"; everything else is unqualified and follows search_path.
 */
async function inSchema(folder: string, schema: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "wspec-migrations-"));
  await cp(folder, dir, { recursive: true });
  for (const file of await readdir(dir)) {
    if (!file.endsWith(".sql")) continue;
    const text = await readFile(join(dir, file), "utf8");
    await writeFile(join(dir, file), text.replaceAll('"public".', `${quoteIdent(schema)}.`));
  }
  return dir;
}

/**
 * Migrates the place a registered tenant lives in (its database and schema on the admin's server)
 * and lets its login role act as the app role. Idempotent; tenants sharing a schema share the run.
 */
export async function migrateTenant(
  adminUrl: string,
  location: { database: { name: string; schema: string; user: string } },
): Promise<MigrateResult> {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(location.database.name)}`;
  const grantAppRoleTo = location.database.user === APP_ROLE ? [] : [location.database.user];
  return migrate(url.toString(), { schema: location.database.schema, grantAppRoleTo });
}
