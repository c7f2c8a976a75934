// API keys: `wspec_<tenant>_<prefix>_<secret>`, shown once. The tenant (its slug) names where the
// row lives, so a presented key costs one indexed query in one tenant and an unknown tenant costs
// none; the prefix (public, 12 lower-case base36 characters) finds the row; the stored `keyHash` is
// SHA-256 of the whole key, tenant included (see opaque-token.ts for why SHA-256 suffices for
// 256-bit secrets), compared in constant time. Keys made before the tenant was part of the key
// (`wspec_<prefix>_<secret>`) are still accepted through the store's index of those keys.
//
// A key acts for its creator, so every use checks the creator as they are now: a disabled or
// deleted creator ends the key, a demoted one narrows it to what the new role still holds, and a
// suspended tenant refuses it. Keys expire: 90 days unless asked otherwise, at most 365.
import { randomUUID } from "node:crypto";
import { digestsEqual, randomBase62, sha256Hex } from "./opaque-token.ts";
import { can, checkApiKeyScopes, type Permission, type Principal, permissionsOf, type Role } from "./rbac.ts";

const PREFIX_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const KEY_FORMAT = /^wspec_(?:([a-z](?:[a-z0-9-]{0,38}[a-z0-9])?)_)?([0-9a-z]{12})_([0-9A-Za-z]{43})$/;
const DAY_MS = 86_400_000;
/** A key's lifetime when none is asked for. */
export const API_KEY_DEFAULT_DAYS = 90;
/** The longest lifetime a key may ask for; keys made without an expiry end this long after creation. */
export const API_KEY_MAX_DAYS = 365;

export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  name: string;
  /** Public lookup part; unique. */
  prefix: string;
  /** SHA-256 hex of the whole key. */
  keyHash: string;
  /** The role the key acts with (its creator's role when it was made). */
  role: Role;
  scopes: Permission[];
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** A key's row with its creator and tenant as they are now. */
export interface ApiKeyLookup {
  record: ApiKeyRecord;
  /** The creator's current role and status; undefined when the creator no longer exists. */
  creator: { role: Role; status: string } | undefined;
  /** The tenant's status ("active", "suspended"); undefined when its row is missing. */
  tenantStatus: string | undefined;
}

/** What the DB layer implements. */
export interface ApiKeyStore {
  insert(record: ApiKeyRecord): Promise<void>;
  /**
   * The key with this prefix, in the named tenant (by slug) when the key names one; a key without
   * a tenant (made before keys carried one) may only be found without asking every tenant.
   */
  find(key: { tenant: string | undefined; prefix: string }): Promise<ApiKeyLookup | undefined>;
  /** Sets revokedAt if the key exists in that tenant and is not revoked; false otherwise. */
  revoke(tenantId: string, id: string, at: Date): Promise<boolean>;
  /** Best effort; may be batched or throttled by the implementation. */
  touch(id: string, at: Date): Promise<void>;
}

export type ApiKeyErrorCode = "malformed" | "invalid" | "revoked" | "expired" | "suspended";

export class ApiKeyError extends Error {
  readonly code: ApiKeyErrorCode;
  readonly keyId: string | undefined;
  constructor(code: ApiKeyErrorCode, message: string, keyId?: string) {
    super(message);
    this.name = "ApiKeyError";
    this.code = code;
    this.keyId = keyId;
  }
}

/** The parts of a key; `tenant` is undefined for a key made before keys carried their tenant. */
export function parseApiKey(
  key: string,
): { tenant: string | undefined; prefix: string; secret: string } | undefined {
  const m = typeof key === "string" ? KEY_FORMAT.exec(key) : null;
  return m?.[2] && m[3] ? { tenant: m[1], prefix: m[2], secret: m[3] } : undefined;
}

export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

/** A fresh key of the tenant (its slug) and what to store of it. */
export function generateApiKey(tenantSlug: string | undefined): {
  key: string;
  prefix: string;
  keyHash: string;
} {
  const prefix = randomBase62(12, PREFIX_ALPHABET);
  const key = `wspec_${tenantSlug === undefined ? "" : `${tenantSlug}_`}${prefix}_${randomBase62(43)}`;
  if (!KEY_FORMAT.test(key))
    throw new Error(`generateApiKey: ${JSON.stringify(tenantSlug)} is not a tenant slug`);
  return { key, prefix, keyHash: hashApiKey(key) };
}

/** When a key stops working: its own expiry, or API_KEY_MAX_DAYS after creation if it has none. */
export function effectiveExpiry(record: Pick<ApiKeyRecord, "createdAt" | "expiresAt">): Date {
  return record.expiresAt ?? new Date(record.createdAt.getTime() + API_KEY_MAX_DAYS * DAY_MS);
}

/**
 * The scopes a key keeps under its creator's current role: all of them while the role still holds
 * them, fewer after a demotion, none when nothing is left.
 */
export function scopesUnder(role: Role, scopes: readonly string[]): Permission[] {
  return scopes.filter((s): s is Permission => can(role, s as Permission));
}

/**
 * The role a key acts with: its own, unless the creator now holds a role that lacks some of its
 * permissions (a demotion), then the creator's current role.
 */
function roleUnder(keyRole: Role, creatorRole: Role): Role {
  const now = new Set(permissionsOf(creatorRole));
  return permissionsOf(keyRole).every((p) => now.has(p)) ? keyRole : creatorRole;
}

export interface CreateApiKeyInput {
  tenantId: string;
  /**
   * Goes into the key, so that a presented key names its tenant. Callers that know it must pass
   * it; without it the key has the old form, found only through the store's index of such keys.
   */
  tenantSlug?: string;
  name: string;
  scopes: readonly string[];
  /** The admin creating the key; the key's scopes must lie within this role. */
  creator: { id: string; role: Role };
  /** @default API_KEY_DEFAULT_DAYS from now; at most API_KEY_MAX_DAYS from now. */
  expiresAt?: Date | undefined;
}

export class ApiKeyService {
  readonly #store: ApiKeyStore;
  readonly #clock: () => Date;

  constructor(store: ApiKeyStore, { clock = () => new Date() }: { clock?: () => Date } = {}) {
    this.#store = store;
    this.#clock = clock;
  }

  /** Creates a key. The returned `key` is the only time the secret exists outside the client. */
  async create(
    input: CreateApiKeyInput,
  ): Promise<{ val: { key: string; record: ApiKeyRecord }; err?: never } | { val?: never; err: string[] }> {
    const now = this.#clock();
    const problems = checkApiKeyScopes(input.creator.role, input.scopes);
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) problems.unshift("name must be 1-100 characters");
    const expiresAt = input.expiresAt ?? new Date(now.getTime() + API_KEY_DEFAULT_DAYS * DAY_MS);
    if (expiresAt <= now) problems.push("expiresAt must be in the future");
    if (expiresAt.getTime() > now.getTime() + API_KEY_MAX_DAYS * DAY_MS)
      problems.push(`expiresAt must be at most ${API_KEY_MAX_DAYS} days ahead`);
    if (problems.length > 0) return { err: problems };
    const { key, prefix, keyHash } = generateApiKey(input.tenantSlug);
    const record: ApiKeyRecord = {
      id: randomUUID(),
      tenantId: input.tenantId,
      name,
      prefix,
      keyHash,
      role: input.creator.role,
      scopes: [...input.scopes] as Permission[],
      createdBy: input.creator.id,
      createdAt: now,
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.#store.insert(record);
    return { val: { key, record } };
  }

  /** Checks a presented key; on success returns the principal to put in the request context. */
  async authenticate(
    key: string,
  ): Promise<{ val: Principal; err?: never } | { val?: never; err: ApiKeyError }> {
    const parts = parseApiKey(key);
    if (!parts) return { err: new ApiKeyError("malformed", "API key is malformed") };
    const found = await this.#store.find({ tenant: parts.tenant, prefix: parts.prefix });
    // Hash and compare even when the prefix is unknown, so timing does not reveal valid prefixes.
    const presented = hashApiKey(key);
    const matches = digestsEqual(presented, found?.record.keyHash ?? "0".repeat(64));
    if (!found || !matches) return { err: new ApiKeyError("invalid", "API key is not valid") };
    const { record, creator, tenantStatus } = found;
    const now = this.#clock();
    if (record.revokedAt) return { err: new ApiKeyError("revoked", "API key was revoked", record.id) };
    if (effectiveExpiry(record) <= now)
      return { err: new ApiKeyError("expired", "API key expired", record.id) };
    if (tenantStatus !== "active")
      return { err: new ApiKeyError("suspended", "API key's tenant is suspended", record.id) };
    if (creator?.status !== "active") {
      return {
        err: new ApiKeyError("revoked", "API key's creator is disabled or no longer exists", record.id),
      };
    }
    const scopes = scopesUnder(creator.role, record.scopes);
    if (scopes.length === 0) {
      return {
        err: new ApiKeyError(
          "revoked",
          `API key's creator (now ${creator.role}) holds none of its scopes`,
          record.id,
        ),
      };
    }
    await this.#store.touch(record.id, now);
    return {
      val: {
        kind: "apiKey",
        id: record.id,
        tenantId: record.tenantId,
        role: roleUnder(record.role, creator.role),
        scopes,
      },
    };
  }

  revoke(tenantId: string, id: string): Promise<boolean> {
    return this.#store.revoke(tenantId, id, this.#clock());
  }
}

/**
 * An in-memory ApiKeyStore for unit tests and single-process tools. `owners` says who each key's
 * creator and tenant are now (by default: the creator active in the key's role; the tenant
 * active, under whatever slug the key names).
 */
export class InMemoryApiKeyStore implements ApiKeyStore {
  readonly records = new Map<string, ApiKeyRecord>();
  /** A creator mapped to undefined was deleted. */
  readonly creators = new Map<string, { role: Role; status: string } | undefined>();
  readonly tenants = new Map<string, { slug: string; status: string }>();
  async insert(record: ApiKeyRecord): Promise<void> {
    for (const r of this.records.values())
      if (r.prefix === record.prefix) throw new Error("duplicate prefix");
    this.records.set(record.id, { ...record });
  }
  async find({ tenant, prefix }: { tenant: string | undefined; prefix: string }) {
    for (const r of this.records.values()) {
      if (r.prefix !== prefix) continue;
      const t = this.tenants.get(r.tenantId);
      if (tenant !== undefined && t && t.slug !== tenant) return undefined;
      const creator = this.creators.has(r.createdBy)
        ? this.creators.get(r.createdBy)
        : { role: r.role, status: "active" };
      return { record: { ...r }, creator, tenantStatus: t?.status ?? "active" };
    }
    return undefined;
  }
  async revoke(tenantId: string, id: string, at: Date): Promise<boolean> {
    const r = this.records.get(id);
    if (!r || r.tenantId !== tenantId || r.revokedAt) return false;
    r.revokedAt = at;
    return true;
  }
  async touch(id: string, at: Date): Promise<void> {
    const r = this.records.get(id);
    if (r) r.lastUsedAt = at;
  }
}
