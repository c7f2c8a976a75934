// An in-memory RefreshTokenStore with the same atomicity the DB implementation must give
// (single-threaded JS makes each method atomic). For unit tests and single-process tools.
import type { RefreshFamily, RefreshTokenRecord, RefreshTokenStore, RevokeReason } from "./refresh-token.ts";

export class InMemoryRefreshTokenStore implements RefreshTokenStore {
  readonly families = new Map<string, RefreshFamily>();
  readonly tokens = new Map<string, RefreshTokenRecord>();

  async createFamily(family: RefreshFamily, first: RefreshTokenRecord): Promise<void> {
    if (this.families.has(family.id)) throw new Error(`family ${family.id} exists`);
    this.families.set(family.id, { ...family });
    this.tokens.set(first.id, { ...first });
  }

  async findByHash(tokenHash: string) {
    for (const token of this.tokens.values()) {
      if (token.tokenHash === tokenHash) {
        const family = this.families.get(token.familyId);
        if (family) return { token: { ...token }, family: { ...family } };
      }
    }
    return undefined;
  }

  async rotate({ oldTokenId, next, at }: { oldTokenId: string; next: RefreshTokenRecord; at: Date }) {
    const old = this.tokens.get(oldTokenId);
    const family = old && this.families.get(old.familyId);
    if (!old || !family || old.rotatedAt || family.revokedAt || next.familyId !== old.familyId)
      return "conflict" as const;
    old.rotatedAt = at;
    this.tokens.set(next.id, { ...next });
    return "rotated" as const;
  }

  async revokeFamily(familyId: string, reason: RevokeReason, at: Date): Promise<void> {
    const family = this.families.get(familyId);
    if (family && !family.revokedAt) {
      family.revokedAt = at;
      family.revokedReason = reason;
    }
  }

  async revokeUserFamilies(
    tenantId: string,
    userId: string,
    reason: RevokeReason,
    at: Date,
  ): Promise<number> {
    let n = 0;
    for (const family of this.families.values()) {
      if (family.tenantId === tenantId && family.userId === userId && !family.revokedAt) {
        family.revokedAt = at;
        family.revokedReason = reason;
        n++;
      }
    }
    return n;
  }
}
