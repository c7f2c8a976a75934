// RefreshTokenStore on PostgreSQL, one tenant at a time: every method runs in withTenant, so RLS
// confines it to that tenant's rows (a token of another tenant is simply not found).
//
// A family's fields live on each of its rows (see runtime/db/schema/refresh-tokens). The family
// lock is a transaction-scoped advisory lock on the family id, taken by `rotate` and by every
// revocation: a rotation and a revocation of one family never interleave, and a revocation's
// UPDATE (a new snapshot taken after the lock) sees any successor a finished rotation inserted.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { TenantTx } from "../../db/index.ts";
import { type RefreshToken, refreshTokens } from "../../db/schema/index.ts";
import type { RefreshFamily, RefreshTokenRecord, RefreshTokenStore, RevokeReason } from "../refresh-token.ts";
import type { TenantScope } from "./deps.ts";

/** The two-key advisory lock space of refresh families (apart from the one-key locks elsewhere). */
async function lockFamily(tx: TenantTx, familyId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('wspec_refresh_family'), hashtext(${familyId}))`,
  );
}

function toRecord(row: RefreshToken): RefreshTokenRecord {
  return {
    id: row.id,
    familyId: row.familyId,
    tokenHash: row.tokenHash,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    rotatedAt: row.usedAt,
  };
}

function toFamily(row: RefreshToken): RefreshFamily {
  return {
    id: row.familyId,
    tenantId: row.tenantId,
    userId: row.userId,
    createdAt: row.familyCreatedAt,
    expiresAt: row.familyExpiresAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
  };
}

export interface PgRefreshTokenStoreOptions {
  /** Recorded on rows this store inserts (the request's client). */
  ip?: string | null;
  userAgent?: string | null;
}

export class PgRefreshTokenStore implements RefreshTokenStore {
  readonly #db: TenantScope;
  readonly #tenantId: string;
  readonly #ip: string | null;
  readonly #userAgent: string | null;

  constructor(
    db: TenantScope,
    tenantId: string,
    { ip = null, userAgent = null }: PgRefreshTokenStoreOptions = {},
  ) {
    this.#db = db;
    this.#tenantId = tenantId;
    this.#ip = ip;
    this.#userAgent = userAgent;
  }

  async createFamily(family: RefreshFamily, first: RefreshTokenRecord): Promise<void> {
    if (family.tenantId !== this.#tenantId) {
      throw new Error(`refresh family of tenant ${family.tenantId} given to the store of ${this.#tenantId}`);
    }
    await this.#db.withTenant(this.#tenantId, async (tx) => {
      await tx.insert(refreshTokens).values({
        id: first.id,
        tenantId: family.tenantId,
        userId: family.userId,
        familyId: family.id,
        familyCreatedAt: family.createdAt,
        familyExpiresAt: family.expiresAt,
        tokenHash: first.tokenHash,
        expiresAt: first.expiresAt,
        usedAt: first.rotatedAt,
        revokedAt: family.revokedAt,
        revokedReason: family.revokedReason,
        ip: this.#ip,
        userAgent: this.#userAgent,
        createdAt: first.createdAt,
      });
    });
  }

  async findByHash(tokenHash: string) {
    return this.#db.withTenant(this.#tenantId, async (tx) => {
      const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
      return row ? { token: toRecord(row), family: toFamily(row) } : undefined;
    });
  }

  async rotate({
    oldTokenId,
    next,
    at,
  }: {
    oldTokenId: string;
    next: RefreshTokenRecord;
    at: Date;
  }): Promise<"rotated" | "conflict"> {
    return this.#db.withTenant(this.#tenantId, async (tx) => {
      await lockFamily(tx, next.familyId);
      // Conditional: only a live, unrotated token of this very family moves on.
      const [old] = await tx
        .update(refreshTokens)
        .set({ usedAt: at, replacedBy: next.id })
        .where(
          and(
            eq(refreshTokens.id, oldTokenId),
            eq(refreshTokens.familyId, next.familyId),
            isNull(refreshTokens.usedAt),
            isNull(refreshTokens.revokedAt),
          ),
        )
        .returning();
      if (!old) return "conflict";
      await tx.insert(refreshTokens).values({
        id: next.id,
        tenantId: old.tenantId,
        userId: old.userId,
        familyId: old.familyId,
        familyCreatedAt: old.familyCreatedAt,
        familyExpiresAt: old.familyExpiresAt,
        tokenHash: next.tokenHash,
        expiresAt: next.expiresAt,
        ip: this.#ip,
        userAgent: this.#userAgent,
        createdAt: next.createdAt,
      });
      return "rotated";
    });
  }

  async revokeFamily(familyId: string, reason: RevokeReason, at: Date): Promise<void> {
    await this.#db.withTenant(this.#tenantId, async (tx) => {
      await lockFamily(tx, familyId);
      await tx
        .update(refreshTokens)
        .set({ revokedAt: at, revokedReason: reason })
        .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
    });
  }

  async revokeUserFamilies(
    tenantId: string,
    userId: string,
    reason: RevokeReason,
    at: Date,
  ): Promise<number> {
    if (tenantId !== this.#tenantId) return 0;
    return this.#db.withTenant(this.#tenantId, async (tx) => {
      const live = await tx
        .selectDistinct({ familyId: refreshTokens.familyId })
        .from(refreshTokens)
        .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
        .orderBy(refreshTokens.familyId);
      for (const { familyId } of live) {
        await lockFamily(tx, familyId);
        await tx
          .update(refreshTokens)
          .set({ revokedAt: at, revokedReason: reason })
          .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
      }
      return live.length;
    });
  }
}
