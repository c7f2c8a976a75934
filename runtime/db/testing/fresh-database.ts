// Test support (imported by *.int.test.ts only): a fresh database on the local PostgreSQL,
// migrated, with URLs for the admin (superuser) and the app role, dropped afterwards.
import { createHash, randomBytes } from "node:crypto";
import postgres from "postgres";
import { loadLocalEnv } from "../../../scripts/env/index.ts";
import { APP_ROLE, migrate } from "../migrate.ts";

export interface FreshDatabase {
  name: string;
  adminUrl: string;
  appUrl: string;
  /** The app role's password (the same for every test database: the role is cluster-wide). */
  appPassword: string;
  drop(): Promise<void>;
}

export async function freshDatabase(prefix = "wspec_test"): Promise<FreshDatabase> {
  const env = await loadLocalEnv();
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = postgres(env.postgres.url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const adminUrl = withDatabase(env.postgres.url, name);
  const appPassword = createHash("sha256").update(`${env.postgres.password}:${APP_ROLE}`).digest("hex");
  await migrate(adminUrl, { appPassword });
  const app = new URL(adminUrl);
  app.username = APP_ROLE;
  app.password = appPassword;
  return {
    name,
    adminUrl,
    appUrl: app.toString(),
    appPassword,
    async drop() {
      const sql = postgres(env.postgres.url, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
