// The canonical form of an audit row and its hash. Pure: the chain can be recomputed anywhere.
import { createHash, createHmac } from "node:crypto";

/** prev_hash of a tenant's first row. */
export const GENESIS_HASH = "0".repeat(64);

export interface HashedFields {
  tenantId: string;
  seq: number;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  metadata: Record<string, unknown>;
}

/** JSON with object keys sorted at every level (jsonb does not keep key order). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The bytes hashed: every field that means something, in a fixed order, then prev_hash. */
export function canonicalRow(f: HashedFields, prevHash: string): string {
  return canonicalJson([
    "wspec.audit.v1",
    f.tenantId,
    f.seq,
    f.occurredAt.toISOString(),
    f.actorType,
    f.actorId,
    f.action,
    f.resourceType,
    f.resourceId,
    f.ip,
    f.userAgent,
    f.requestId,
    f.metadata,
    prevHash,
  ]);
}

/**
 * sha256 over the canonical row and prev_hash; with `key`, HMAC-SHA256, so that someone who can
 * write the table but does not hold the key cannot forge a consistent chain.
 */
export function rowHash(f: HashedFields, prevHash: string, key?: string): string {
  const data = canonicalRow(f, prevHash);
  return key
    ? createHmac("sha256", key).update(data).digest("hex")
    : createHash("sha256").update(data).digest("hex");
}
