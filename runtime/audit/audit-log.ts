// Appending to and verifying a tenant's hash chain. Both run inside a tenant transaction
// (withTenant), so RLS confines them to that tenant's rows.
import { and, asc, desc, eq, gt, gte, lt, lte, type SQL } from "drizzle-orm";
import type { TenantTx } from "../db/index.ts";
import { auditChainHeads, auditLogs } from "../db/schema/index.ts";
import { GENESIS_HASH, type HashedFields, rowHash } from "./hash.ts";

export interface AuditEntry {
  actorType: "user" | "api_key" | "system" | "anonymous";
  actorId?: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  metadata?: Record<string, unknown>;
}

/**
 * A tenant's chain keys, strongest first: the first signs new rows. A string is one key for every
 * tenant; a function gives each tenant its own (the operator's key from the tenant's Secret, then
 * the deployment's fallback). An empty list means an unkeyed (sha256) chain.
 */
export type AuditKey = string | ((tenantId: string) => readonly string[]);

function keysOf(key: AuditKey | undefined, tenantId: string): readonly string[] {
  if (key === undefined) return [];
  return typeof key === "string" ? [key] : key(tenantId);
}

export interface AuditOptions {
  /** HMAC key(s) of the chain (see hash.ts); without any, plain sha256. */
  key?: AuditKey;
  /** @default () => new Date() */
  clock?: () => Date;
}

export type AuditRecord = typeof auditLogs.$inferSelect;

/**
 * Appends one entry to the tenant's chain. The chain head row is locked (SELECT … FOR UPDATE), so
 * concurrent appends of one tenant queue up and each links to the one before; other tenants are
 * not blocked.
 */
export async function appendAudit(
  tx: TenantTx,
  tenantId: string,
  entry: AuditEntry,
  opts: AuditOptions = {},
): Promise<AuditRecord> {
  await tx.insert(auditChainHeads).values({ tenantId, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
  const [head] = await tx
    .select()
    .from(auditChainHeads)
    .where(eq(auditChainHeads.tenantId, tenantId))
    .for("update");
  if (!head) throw new Error(`audit chain head of tenant ${tenantId} is not visible: is the tenant set?`);
  const fields: HashedFields = {
    tenantId,
    seq: head.seq + 1,
    // Millisecond precision: what JavaScript dates and the timestamptz(3) column both hold.
    occurredAt: new Date((opts.clock ?? (() => new Date()))().getTime()),
    actorType: entry.actorType,
    actorId: entry.actorId ?? null,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent ?? null,
    requestId: entry.requestId ?? null,
    metadata: entry.metadata ?? {},
  };
  const hash = rowHash(fields, head.hash, keysOf(opts.key, tenantId)[0]);
  const [row] = await tx
    .insert(auditLogs)
    .values({ ...fields, prevHash: head.hash, hash })
    .returning();
  await tx
    .update(auditChainHeads)
    .set({ seq: fields.seq, hash })
    .where(eq(auditChainHeads.tenantId, tenantId));
  if (!row) throw new Error("audit insert returned no row");
  return row;
}

export interface BrokenLink {
  /** The first row that does not verify (null when rows are missing after the last one). */
  row_id: string | null;
  seq: number;
  reason: "hash_mismatch" | "prev_hash_mismatch" | "sequence_gap" | "unexpected_row" | "missing_tail";
  expected: string;
  found: string;
}

export type VerifyResult =
  | {
      ok: true;
      checked: number;
      head: { seq: number; hash: string };
      /** Leading rows hashed without a key (written before the chain was keyed): anyone could recompute those. */
      unkeyed: number;
    }
  | { ok: false; checked: number; broken: BrokenLink };

/**
 * Recomputes the tenant's chain in seq order: each row's seq follows the previous one, its
 * prev_hash is the previous hash and its hash recomputes; the last row is the chain head. Reports
 * the first link that fails: an edited row (hash), a deleted row (gap or prev_hash), an inserted
 * row (prev_hash or hash, or past the head) or a deleted tail (head beyond the last row).
 *
 * With keys, a row must recompute under one of them, and a chain only ever steps up in strength:
 * rows from before the chain was keyed (plain sha256) are accepted only at its start, and once a
 * row is signed with a key no later row may use a weaker one (or none), so someone who can write
 * the table but holds no key cannot append or rewrite past the keyed part.
 */
export async function verifyAudit(
  tx: TenantTx,
  tenantId: string,
  opts: AuditOptions & { batchSize?: number } = {},
): Promise<VerifyResult> {
  const batchSize = opts.batchSize ?? 1000;
  const [head] = await tx.select().from(auditChainHeads).where(eq(auditChainHeads.tenantId, tenantId));
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let lastSeq = 0;
  const headSeq = head?.seq ?? 0;
  // Strongest first; undefined is "no key" (sha256), accepted only before any keyed row.
  const levels: (string | undefined)[] = [...keysOf(opts.key, tenantId), undefined];
  let weakest = levels.length - 1;
  let unkeyed = 0;
  for (;;) {
    const rows = await tx
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.tenantId, tenantId), gt(auditLogs.seq, lastSeq)))
      .orderBy(asc(auditLogs.seq))
      .limit(batchSize);
    for (const row of rows) {
      const link = (reason: BrokenLink["reason"], expected: string, found: string): VerifyResult => ({
        ok: false,
        checked,
        broken: { row_id: row.id, seq: row.seq, reason, expected, found },
      });
      if (row.seq > headSeq)
        return link("unexpected_row", `seq <= ${headSeq} (chain head)`, `seq ${row.seq}`);
      if (row.seq !== expectedSeq) return link("sequence_gap", `seq ${expectedSeq}`, `seq ${row.seq}`);
      if (row.prevHash !== prevHash) return link("prev_hash_mismatch", prevHash, row.prevHash);
      const fieldsOf = (): HashedFields => ({
        tenantId: row.tenantId,
        seq: row.seq,
        occurredAt: row.occurredAt,
        actorType: row.actorType,
        actorId: row.actorId,
        action: row.action,
        resourceType: row.resourceType,
        resourceId: row.resourceId,
        ip: row.ip,
        userAgent: row.userAgent,
        requestId: row.requestId,
        metadata: row.metadata,
      });
      let matched = -1;
      for (let level = 0; level <= weakest && matched < 0; level++) {
        if (rowHash(fieldsOf(), row.prevHash, levels[level]) === row.hash) matched = level;
      }
      if (matched < 0) {
        // A keyed hash is never shown: it would let whoever edited the row write the right one.
        const expected =
          levels[0] === undefined
            ? rowHash(fieldsOf(), row.prevHash)
            : "the HMAC-SHA256 of the row under the chain's key (not shown)";
        return link("hash_mismatch", expected, row.hash);
      }
      weakest = matched;
      if (levels[matched] === undefined) unkeyed++;
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      checked++;
    }
    if (rows.length < batchSize) break;
    lastSeq = rows[rows.length - 1]?.seq ?? lastSeq;
  }
  if (headSeq !== checked || (head && head.hash !== prevHash)) {
    return {
      ok: false,
      checked,
      broken: {
        row_id: null,
        seq: checked + 1,
        reason: "missing_tail",
        expected: `seq ${headSeq} hash ${head?.hash ?? GENESIS_HASH}`,
        found: `seq ${checked} hash ${prevHash}`,
      },
    };
  }
  return { ok: true, checked, head: { seq: headSeq, hash: prevHash }, unkeyed };
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: Date;
  to?: Date;
  /** Rows with seq below this (the cursor). */
  beforeSeq?: number;
  limit: number;
}

/** Newest first; one row more than `limit` tells whether another page exists. */
export async function listAudit(tx: TenantTx, tenantId: string, q: AuditQuery): Promise<AuditRecord[]> {
  const where: SQL[] = [eq(auditLogs.tenantId, tenantId)];
  if (q.actor !== undefined) where.push(eq(auditLogs.actorId, q.actor));
  if (q.action !== undefined) where.push(eq(auditLogs.action, q.action));
  if (q.resourceType !== undefined) where.push(eq(auditLogs.resourceType, q.resourceType));
  if (q.resourceId !== undefined) where.push(eq(auditLogs.resourceId, q.resourceId));
  if (q.from !== undefined) where.push(gte(auditLogs.occurredAt, q.from));
  if (q.to !== undefined) where.push(lte(auditLogs.occurredAt, q.to));
  if (q.beforeSeq !== undefined) where.push(lt(auditLogs.seq, q.beforeSeq));
  return tx
    .select()
    .from(auditLogs)
    .where(and(...where))
    .orderBy(desc(auditLogs.seq))
    .limit(q.limit + 1);
}
