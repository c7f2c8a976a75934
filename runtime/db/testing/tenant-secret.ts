// What the operator mounts for a pooled starter tenant on a test database: its connection Secret,
// one file per key, as the runtime's tenant watcher reads it.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FreshDatabase } from "./fresh-database.ts";

/** Writes the Secret of tenant `slug` into `dir/name`. */
export async function mountTenantSecret(
  dir: string,
  name: string,
  fresh: FreshDatabase,
  slug: string,
): Promise<void> {
  const url = new URL(fresh.appUrl);
  const secret: Record<string, string> = {
    TENANT_ID: slug,
    TENANT_TIER: "starter",
    DATABASE_HOST: url.hostname,
    DATABASE_PORT: url.port,
    DATABASE_NAME: fresh.name,
    DATABASE_SCHEMA: "public",
    DATABASE_USER: "wspec_app",
    DATABASE_PASSWORD: fresh.appPassword,
    REDIS_KEY_PREFIX: `t:${slug}:`,
  };
  await mkdir(join(dir, name));
  for (const [k, v] of Object.entries(secret)) await writeFile(join(dir, name, k), v);
}
