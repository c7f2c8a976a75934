// API keys: `wspec_<prefix>_<secret>`, shown once. The prefix (public, 12 lower-case base36
// characters) finds the row; the stored `keyHash` is SHA-256 of the whole key (see opaque-token.ts
// for why SHA-256 suffices for 256-bit secrets) and is compared in constant time. Keys are scoped
// (a subset of the creating role's permissions), revocable and may expire.
import { randomUUID } from "node:crypto";
import { digestsEqual, randomBase62, sha256Hex } from "./opaque-token.ts";
import { checkApiKeyScopes, type Permission, type Principal, type Role } from "./rbac.ts";

const PREFIX_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const KEY_FORMAT = /^wspec_([0-9a-z]{12})_([0-9A-Za-z]{43})$/;

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

/** What the DB layer implements. */
export interface ApiKeyStore {
  insert(record: ApiKeyRecord): Promise<void>;
  findByPrefix(prefix: string): Promise<ApiKeyRecord | undefined>;
  /** Sets revokedAt if the key exists in that tenant and is not revoked; false otherwise. */
  revoke(tenantId: string, id: string, at: Date): Promise<boolean>;
  /** Best effort; may be batched or throttled by the implementation. */
  touch(id: string, at: Date): Promise<void>;
}

export type ApiKeyErrorCode = "malformed" | "invalid" | "revoked" | "expired";

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

export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const m = typeof key === "string" ? KEY_FORMAT.exec(key) : null;
  return m?.[1] && m[2] ? { prefix: m[1], secret: m[2] } : undefined;
}

export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

/** A fresh key and what to store of it. */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const prefix = randomBase62(12, PREFIX_ALPHABET);
  const key = `wspec_${prefix}_${randomBase62(43)}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

export interface CreateApiKeyInput {
  tenantId: string;
  name: string;
  scopes: readonly string[];
  /** The admin creating the key; the key's scopes must lie within this role. */
  creator: { id: string; role: Role };
  expiresAt?: Date | null;
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
    if (input.expiresAt && input.expiresAt <= now) problems.push("expiresAt must be in the future");
    if (problems.length > 0) return { err: problems };
    const { key, prefix, keyHash } = generateApiKey();
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
      expiresAt: input.expiresAt ?? null,
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
    const record = await this.#store.findByPrefix(parts.prefix);
    // Hash and compare even when the prefix is unknown, so timing does not reveal valid prefixes.
    const presented = hashApiKey(key);
    const matches = digestsEqual(presented, record?.keyHash ?? "0".repeat(64));
    if (!record || !matches) return { err: new ApiKeyError("invalid", "API key is not valid") };
    const now = this.#clock();
    if (record.revokedAt) return { err: new ApiKeyError("revoked", "API key was revoked", record.id) };
    if (record.expiresAt && record.expiresAt <= now)
      return { err: new ApiKeyError("expired", "API key expired", record.id) };
    await this.#store.touch(record.id, now);
    return {
      val: {
        kind: "apiKey",
        id: record.id,
        tenantId: record.tenantId,
        role: record.role,
        scopes: record.scopes,
      },
    };
  }

  revoke(tenantId: string, id: string): Promise<boolean> {
    return this.#store.revoke(tenantId, id, this.#clock());
  }
}

/** An in-memory ApiKeyStore for unit tests and single-process tools. */
export class InMemoryApiKeyStore implements ApiKeyStore {
  readonly records = new Map<string, ApiKeyRecord>();
  async insert(record: ApiKeyRecord): Promise<void> {
    for (const r of this.records.values())
      if (r.prefix === record.prefix) throw new Error("duplicate prefix");
    this.records.set(record.id, { ...record });
  }
  async findByPrefix(prefix: string): Promise<ApiKeyRecord | undefined> {
    for (const r of this.records.values()) if (r.prefix === prefix) return { ...r };
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
