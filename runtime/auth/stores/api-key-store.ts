// ApiKeyStore on PostgreSQL. Rows are tenant rows under RLS and a key names its tenant (by slug):
// PgApiKeyStore serves one tenant, TenantsApiKeyStore picks the tenant the key names. A key made
// before keys named their tenant is found through an index of those keys' prefixes, read once
// per tenant, so an unknown prefix costs no query at all instead of one per tenant (a tenant may
// sit in its own schema or database, where no shared SQL index could see it).
import { and, eq, isNull } from "drizzle-orm";
import { type TenantTx, tenantUuid } from "../../db/index.ts";
import { type ApiKey, apiKeys, tenants, users } from "../../db/schema/index.ts";
import { type ApiKeyLookup, type ApiKeyRecord, type ApiKeyStore, scopesUnder } from "../api-key.ts";
import { can, type Permission, permissionsOf, type Role } from "../rbac.ts";
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

  /** The key with this prefix, its creator and its tenant's status, in one query. */
  async find({ prefix }: { prefix: string }): Promise<ApiKeyLookup | undefined> {
    return this.#db.withTenant(this.#tenantId, async (tx) => {
      const [row] = await tx
        .select({
          key: apiKeys,
          creatorRole: users.role,
          creatorStatus: users.status,
          tenantStatus: tenants.status,
        })
        .from(apiKeys)
        .leftJoin(users, eq(users.id, apiKeys.createdBy))
        .leftJoin(tenants, eq(tenants.id, apiKeys.tenantId))
        .where(eq(apiKeys.prefix, prefix));
      if (!row || row.key.tenantId !== this.#tenantId) return undefined;
      return {
        record: toRecord(row.key),
        creator:
          row.creatorRole && row.creatorStatus
            ? { role: row.creatorRole, status: row.creatorStatus }
            : undefined,
        tenantStatus: row.tenantStatus ?? undefined,
      };
    });
  }

  /** Every prefix of the tenant's unrevoked keys (the legacy index's source). */
  async prefixes(): Promise<string[]> {
    return this.#db.withTenant(this.#tenantId, async (tx) => {
      const rows = await tx.select({ prefix: apiKeys.prefix }).from(apiKeys).where(isNull(apiKeys.revokedAt));
      return rows.map((r) => r.prefix);
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
 * Finds a key in the tenant it names (`tenantOf` maps a slug to the tenant id; an unknown slug
 * costs nothing). Keys without a tenant are looked up in an index of prefix → tenant, filled once
 * per tenant the first time such a key is presented: the keys that can be in it were all made
 * before this version (new keys always name their tenant), so the index never goes stale for
 * them, and a flood of unknown prefixes never reaches the databases. Writes go to the record's
 * own tenant.
 */
export class TenantsApiKeyStore implements ApiKeyStore {
  readonly #db: TenantScope;
  readonly #tenantOf: (slug: string) => string | undefined;
  readonly #tenantIds: () => Iterable<string>;
  readonly #legacy = new Map<string, string>();
  readonly #indexed = new Map<string, Promise<void>>();
  readonly #keyTenant = new Map<string, string>();
  readonly #stores = new Map<string, PgApiKeyStore>();

  /**
   * @param tenantIds the tenants served now
   * @param opts.tenantOf a slug's tenant id, if served (@default the slug's uuid, if in `tenantIds`)
   */
  constructor(
    db: TenantScope,
    tenantIds: () => Iterable<string>,
    { tenantOf }: { tenantOf?: (slug: string) => string | undefined } = {},
  ) {
    this.#db = db;
    this.#tenantIds = tenantIds;
    this.#tenantOf =
      tenantOf ??
      ((slug) => {
        const id = tenantUuid(slug);
        for (const t of tenantIds()) if (t === id) return id;
        return undefined;
      });
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
  }

  async find({
    tenant,
    prefix,
  }: {
    tenant: string | undefined;
    prefix: string;
  }): Promise<ApiKeyLookup | undefined> {
    const tenantId = tenant === undefined ? await this.#legacyTenant(prefix) : this.#tenantOf(tenant);
    if (!tenantId) return undefined;
    const found = await this.#store(tenantId).find({ prefix });
    if (found) this.#keyTenant.set(found.record.id, tenantId);
    return found;
  }

  /** The tenant of a key made before keys named theirs, from the index (filled once per tenant). */
  async #legacyTenant(prefix: string): Promise<string | undefined> {
    await Promise.all(
      [...this.#tenantIds()].map((tenantId) => {
        let loading = this.#indexed.get(tenantId);
        if (!loading) {
          loading = this.#store(tenantId)
            .prefixes()
            .then((prefixes) => {
              for (const p of prefixes) this.#legacy.set(p, tenantId);
            })
            .catch((err: unknown) => {
              this.#indexed.delete(tenantId); // retried at the next legacy key
              throw err;
            });
          this.#indexed.set(tenantId, loading);
        }
        return loading;
      }),
    );
    return this.#legacy.get(prefix);
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

/**
 * What a change of a user does to the keys they made, in the transaction of the change: a user
 * who is no longer active loses every key; a demoted user's keys keep only the scopes the new role
 * holds (a key left with none is revoked) and act with the new role. Returns how
 * many keys were revoked and narrowed.
 */
export async function adjustApiKeysOf(
  tx: TenantTx,
  user: { id: string; role: Role; status: string },
  at: Date,
): Promise<{ revoked: number; narrowed: number }> {
  const keys = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.createdBy, user.id), isNull(apiKeys.revokedAt)))
    .for("update");
  let revoked = 0;
  let narrowed = 0;
  for (const key of keys) {
    const scopes = user.status === "active" ? scopesUnder(user.role, key.scopes) : [];
    if (scopes.length === 0) {
      await tx.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, key.id));
      revoked++;
    } else if (
      scopes.length !== key.scopes.length ||
      !permissionsOf(key.role).every((p) => can(user.role, p))
    ) {
      // Only ever narrower: a promotion leaves the key as it was made.
      await tx.update(apiKeys).set({ scopes, role: user.role }).where(eq(apiKeys.id, key.id));
      narrowed++;
    }
  }
  return { revoked, narrowed };
}
