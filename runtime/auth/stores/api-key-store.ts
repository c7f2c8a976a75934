// ApiKeyStore on PostgreSQL. Rows are tenant rows under RLS, but a presented key carries no tenant:
// PgApiKeyStore serves one tenant, and TenantsApiKeyStore finds a prefix by asking each registered
// tenant in turn (remembering where each prefix lives), since a tenant may sit in its own schema
// or database where no shared index could see it.
import { and, eq, isNull } from "drizzle-orm";
import { type ApiKey, apiKeys } from "../../db/schema/index.ts";
import type { ApiKeyRecord, ApiKeyStore } from "../api-key.ts";
import type { Permission } from "../rbac.ts";
import type { TenantScope } from "./deps.ts";

function toRecord(row: ApiKey): ApiKeyRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    prefix: row.prefix,
    keyHash: row.keyHash,
    role: row.role,
    scopes: row.scopes as Permission[],
    createdBy: row.createdBy ?? "",
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

export class PgApiKeyStore implements ApiKeyStore {
  readonly #db: TenantScope;
  readonly #tenantId: string;
  /** Touches closer together than this are skipped (best effort, no write per request). */
  readonly #touchEveryMs: number;
  readonly #touched = new Map<string, number>();

  constructor(db: TenantScope, tenantId: string, { touchEveryMs = 60_000 }: { touchEveryMs?: number } = {}) {
    this.#db = db;
    this.#tenantId = tenantId;
    this.#touchEveryMs = touchEveryMs;
  }

  get tenantId(): string {
    return this.#tenantId;
  }

  async insert(record: ApiKeyRecord): Promise<void> {
    if (record.tenantId !== this.#tenantId) {
      throw new Error(`API key of tenant ${record.tenantId} given to the store of ${this.#tenantId}`);
    }
    await this.#db.withTenant(this.#tenantId, async (tx) => {
      await tx.insert(apiKeys).values({
        id: record.id,
        tenantId: record.tenantId,
        name: record.name,
        prefix: record.prefix,
        keyHash: record.keyHash,
        role: record.role,
        scopes: [...record.scopes],
        createdBy: record.createdBy || null,
        createdAt: record.createdAt,
        expiresAt: record.expiresAt,
        revokedAt: record.revokedAt,
        lastUsedAt: record.lastUsedAt,
      });
    });
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRecord | undefined> {
    return this.#db.withTenant(this.#tenantId, async (tx) => {
      const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
      return row ? toRecord(row) : undefined;
    });
  }

  async revoke(tenantId: string, id: string, at: Date): Promise<boolean> {
    if (tenantId !== this.#tenantId) return false;
    return this.#db.withTenant(this.#tenantId, async (tx) => {
      const rows = await tx
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      return rows.length === 1;
    });
  }

  async touch(id: string, at: Date): Promise<void> {
    const last = this.#touched.get(id);
    if (last !== undefined && at.getTime() - last < this.#touchEveryMs) return;
    this.#touched.set(id, at.getTime());
    await this.#db.withTenant(this.#tenantId, async (tx) => {
      await tx.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
    });
  }

  /** The tenant's keys, newest first (never the hash). */
  async list(): Promise<ApiKeyRecord[]> {
    return this.#db.withTenant(this.#tenantId, async (tx) => {
      const rows = await tx.select().from(apiKeys).orderBy(apiKeys.createdAt);
      return rows.map(toRecord).reverse();
    });
  }
}

/**
 * Finds a key among every registered tenant: the remembered tenant of a prefix first, otherwise
 * each tenant in turn (one indexed query each). Writes go to the record's own tenant.
 */
export class TenantsApiKeyStore implements ApiKeyStore {
  readonly #db: TenantScope;
  readonly #tenantIds: () => Iterable<string>;
  readonly #where = new Map<string, string>();
  readonly #keyTenant = new Map<string, string>();
  readonly #stores = new Map<string, PgApiKeyStore>();

  constructor(db: TenantScope, tenantIds: () => Iterable<string>) {
    this.#db = db;
    this.#tenantIds = tenantIds;
  }

  #store(tenantId: string): PgApiKeyStore {
    let s = this.#stores.get(tenantId);
    if (!s) {
      s = new PgApiKeyStore(this.#db, tenantId);
      this.#stores.set(tenantId, s);
    }
    return s;
  }

  async insert(record: ApiKeyRecord): Promise<void> {
    await this.#store(record.tenantId).insert(record);
    this.#where.set(record.prefix, record.tenantId);
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRecord | undefined> {
    const known = this.#where.get(prefix);
    if (known) {
      const found = await this.#store(known).findByPrefix(prefix);
      if (found) {
        this.#keyTenant.set(found.id, known);
        return found;
      }
      this.#where.delete(prefix);
    }
    for (const tenantId of this.#tenantIds()) {
      if (tenantId === known) continue;
      const found = await this.#store(tenantId).findByPrefix(prefix);
      if (found) {
        this.#where.set(prefix, tenantId);
        this.#keyTenant.set(found.id, tenantId);
        return found;
      }
    }
    return undefined;
  }

  revoke(tenantId: string, id: string, at: Date): Promise<boolean> {
    return this.#store(tenantId).revoke(tenantId, id, at);
  }

  async touch(id: string, at: Date): Promise<void> {
    // The id alone does not name a tenant: the key was found moments ago, so its tenant is known.
    const tenantId = this.#keyTenant.get(id);
    if (tenantId) await this.#store(tenantId).touch(id, at);
  }
}
