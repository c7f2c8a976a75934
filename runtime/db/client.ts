// A drizzle database over postgres-js, and the one way requests touch tenant data: withTenant,
// which sets the tenant for one transaction so that RLS filters every statement in it.
import { sql } from "drizzle-orm";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema>;
/** The transaction handle withTenant passes on. */
export type TenantTx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface ConnectOptions {
  /** Connections this pool may open. @default 10 */
  max?: number;
  /** Close a connection idle this long. @default 30 */
  idleTimeoutSeconds?: number;
  /** search_path (a tenant's own schema). */
  schema?: string;
  /** @default "wspec-runtime" */
  applicationName?: string;
}

export interface DatabaseHandle {
  db: Database;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export function connectDatabase(
  url: string | postgres.Options<Record<string, never>>,
  opts: ConnectOptions = {},
): DatabaseHandle {
  const { max = 10, idleTimeoutSeconds = 30, schema: searchPath, applicationName = "wspec-runtime" } = opts;
  const options: postgres.Options<Record<string, never>> = {
    max,
    idle_timeout: idleTimeoutSeconds,
    connect_timeout: 10,
    max_lifetime: 60 * 30,
    onnotice: () => {},
    connection: { application_name: applicationName, ...(searchPath ? { search_path: searchPath } : {}) },
  };
  const client = typeof url === "string" ? postgres(url, options) : postgres({ ...url, ...options });
  return { db: drizzle(client, { schema }), sql: client, close: () => client.end({ timeout: 5 }) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `fn` in a transaction whose RLS tenant is `tenantId` (`set_config(…, true)`: it ends with
 * the transaction, so a pooled connection never carries one tenant into another's request).
 */
export async function withTenant<T>(
  db: Database,
  tenantId: string,
  fn: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error(`withTenant: tenantId ${JSON.stringify(tenantId)} is not a uuid`);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
    return fn(tx);
  });
}
