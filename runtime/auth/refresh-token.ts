// Refresh tokens: opaque, stored hashed, grouped in families (one family per login). Every use
// rotates the token; presenting an already-rotated token means it was copied, so the whole family
// is revoked (OAuth 2.0 Security BCP, refresh token rotation with reuse detection). Logout revokes
// the family. The persistence is the RefreshTokenStore interface, implemented by the DB layer.
import { randomUUID } from "node:crypto";
import { randomBase62, sha256Hex } from "./opaque-token.ts";

export const REFRESH_TOKEN_PREFIX = "wspec_rt_";
const TOKEN_BODY = /^[0-9A-Za-z]{43}$/;

export interface RefreshFamily {
  id: string;
  tenantId: string;
  userId: string;
  createdAt: Date;
  /** Absolute end of the session, whatever the rotations. */
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: RevokeReason | null;
}

export interface RefreshTokenRecord {
  id: string;
  familyId: string;
  /** SHA-256 hex of the whole token; the token itself is never stored. */
  tokenHash: string;
  createdAt: Date;
  /** Idle expiry: a token unused this long is dead. */
  expiresAt: Date;
  /** Set when this token was exchanged for its successor. */
  rotatedAt: Date | null;
}

export type RevokeReason =
  | "logout"
  | "reuse_detected"
  | "password_changed"
  | "mfa_required"
  | "admin"
  | "user_disabled";

/**
 * What the DB layer implements. `rotate` must be atomic: in one transaction, lock the family,
 * and mark `oldTokenId` rotated only if it is not yet rotated and the family is not revoked, then
 * insert `next`; otherwise change nothing and return "conflict".
 */
export interface RefreshTokenStore {
  createFamily(family: RefreshFamily, first: RefreshTokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<{ token: RefreshTokenRecord; family: RefreshFamily } | undefined>;
  rotate(input: { oldTokenId: string; next: RefreshTokenRecord; at: Date }): Promise<"rotated" | "conflict">;
  /** Idempotent: an already revoked family keeps its first reason. */
  revokeFamily(familyId: string, reason: RevokeReason, at: Date): Promise<void>;
  /** Revokes every live family of a user; returns how many. */
  revokeUserFamilies(tenantId: string, userId: string, reason: RevokeReason, at: Date): Promise<number>;
}

export type RefreshErrorCode = "malformed" | "invalid" | "expired" | "revoked" | "reused";

export class RefreshTokenError extends Error {
  readonly code: RefreshErrorCode;
  /** Set when the token was recognised, for the audit log. */
  readonly familyId: string | undefined;
  readonly userId: string | undefined;
  readonly tenantId: string | undefined;
  constructor(code: RefreshErrorCode, message: string, family?: RefreshFamily) {
    super(message);
    this.name = "RefreshTokenError";
    this.code = code;
    this.familyId = family?.id;
    this.userId = family?.userId;
    this.tenantId = family?.tenantId;
  }
}

export interface IssuedRefreshToken {
  /** Give this to the client once; only its hash is stored. */
  token: string;
  familyId: string;
  tenantId: string;
  userId: string;
  expiresAt: Date;
}

export interface RefreshTokenServiceOptions {
  /** Idle lifetime of each token. Default 14 days. */
  idleTtlSeconds?: number;
  /** Absolute lifetime of a family (a login). Default 30 days. */
  absoluteTtlSeconds?: number;
  clock?: () => Date;
}

export function hashRefreshToken(token: string): string {
  return sha256Hex(token);
}

function newToken(): string {
  return `${REFRESH_TOKEN_PREFIX}${randomBase62(43)}`;
}

export class RefreshTokenService {
  readonly #store: RefreshTokenStore;
  readonly #idleMs: number;
  readonly #absoluteMs: number;
  readonly #clock: () => Date;

  constructor(
    store: RefreshTokenStore,
    {
      idleTtlSeconds = 14 * 86400,
      absoluteTtlSeconds = 30 * 86400,
      clock = () => new Date(),
    }: RefreshTokenServiceOptions = {},
  ) {
    if (idleTtlSeconds <= 0 || absoluteTtlSeconds < idleTtlSeconds) {
      throw new Error(
        `refresh tokens: need 0 < idleTtlSeconds (${idleTtlSeconds}) <= absoluteTtlSeconds (${absoluteTtlSeconds})`,
      );
    }
    this.#store = store;
    this.#idleMs = idleTtlSeconds * 1000;
    this.#absoluteMs = absoluteTtlSeconds * 1000;
    this.#clock = clock;
  }

  #record(familyId: string, now: Date, familyExpiresAt: Date): { token: string; record: RefreshTokenRecord } {
    const token = newToken();
    const expiresAt = new Date(Math.min(now.getTime() + this.#idleMs, familyExpiresAt.getTime()));
    return {
      token,
      record: {
        id: randomUUID(),
        familyId,
        tokenHash: hashRefreshToken(token),
        createdAt: now,
        expiresAt,
        rotatedAt: null,
      },
    };
  }

  /** Starts a new family (at login). */
  async issue(subject: { tenantId: string; userId: string }): Promise<IssuedRefreshToken> {
    const now = this.#clock();
    const family: RefreshFamily = {
      id: randomUUID(),
      tenantId: subject.tenantId,
      userId: subject.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.#absoluteMs),
      revokedAt: null,
      revokedReason: null,
    };
    const { token, record } = this.#record(family.id, now, family.expiresAt);
    await this.#store.createFamily(family, record);
    return {
      token,
      familyId: family.id,
      tenantId: family.tenantId,
      userId: family.userId,
      expiresAt: record.expiresAt,
    };
  }

  async #lookup(token: string) {
    if (
      typeof token !== "string" ||
      !token.startsWith(REFRESH_TOKEN_PREFIX) ||
      !TOKEN_BODY.test(token.slice(REFRESH_TOKEN_PREFIX.length))
    ) {
      return { err: new RefreshTokenError("malformed", "refresh token is malformed") } as const;
    }
    const found = await this.#store.findByHash(hashRefreshToken(token));
    if (!found) return { err: new RefreshTokenError("invalid", "refresh token is not valid") } as const;
    return { val: found } as const;
  }

  /** Reuse of a rotated token: the whole family is revoked, since either holder may be a thief. */
  async #reused(family: RefreshFamily, now: Date): Promise<RefreshTokenError> {
    await this.#store.revokeFamily(family.id, "reuse_detected", now);
    return new RefreshTokenError("reused", "refresh token was already used; the session is revoked", family);
  }

  /**
   * Exchanges a refresh token for a new one. A token that was already rotated revokes its family
   * (reuse detection), as does losing a race to rotate the same token twice.
   */
  async rotate(
    token: string,
  ): Promise<{ val: IssuedRefreshToken; err?: never } | { val?: never; err: RefreshTokenError }> {
    const found = await this.#lookup(token);
    if (found.err) return { err: found.err };
    const { token: current, family } = found.val;
    const now = this.#clock();
    if (family.revokedAt) {
      return { err: new RefreshTokenError("revoked", "refresh token was revoked; sign in again", family) };
    }
    if (current.rotatedAt) {
      return { err: await this.#reused(family, now) };
    }
    if (current.expiresAt <= now || family.expiresAt <= now) {
      return { err: new RefreshTokenError("expired", "refresh token expired; sign in again", family) };
    }
    const { token: next, record } = this.#record(family.id, now, family.expiresAt);
    const outcome = await this.#store.rotate({ oldTokenId: current.id, next: record, at: now });
    if (outcome === "conflict") {
      // Someone else rotated (or revoked) this token between our read and our write.
      return { err: await this.#reused(family, now) };
    }
    return {
      val: {
        token: next,
        familyId: family.id,
        tenantId: family.tenantId,
        userId: family.userId,
        expiresAt: record.expiresAt,
      },
    };
  }

  /** Ends the session the token belongs to. Unknown or malformed tokens are ignored (no oracle). */
  async logout(token: string): Promise<{ familyId: string } | undefined> {
    const found = await this.#lookup(token);
    if (found.err) return undefined;
    await this.#store.revokeFamily(found.val.family.id, "logout", this.#clock());
    return { familyId: found.val.family.id };
  }

  /** Ends one session (every token of the family). */
  revokeFamily(familyId: string, reason: RevokeReason): Promise<void> {
    return this.#store.revokeFamily(familyId, reason, this.#clock());
  }

  /** Ends every session of a user (password change, disable, admin action). */
  revokeAllForUser(tenantId: string, userId: string, reason: RevokeReason): Promise<number> {
    return this.#store.revokeUserFamilies(tenantId, userId, reason, this.#clock());
  }
}
