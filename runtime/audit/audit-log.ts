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

export interface AuditOptions {
  /** HMAC key for the chain (see hash.ts); without it, plain sha256. */
  key?: string;
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
  const hash = rowHash(fields, head.hash, opts.key);
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
  | { ok: true; checked: number; head: { seq: number; hash: string } }
  | { ok: false; checked: number; broken: BrokenLink };

/**
 * Recomputes the tenant's chain in seq order: each row's seq follows the previous one, its
 * prev_hash is the previous hash and its hash recomputes; the last row is the chain head. Reports
 * the first link that fails: an edited row (hash), a deleted row (gap or prev_hash), an inserted
 * row (prev_hash or hash, or past the head) or a deleted tail (head beyond the last row).
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
      const recomputed = rowHash(
        {
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
        },
        row.prevHash,
        opts.key,
      );
      if (recomputed !== row.hash) return link("hash_mismatch", recomputed, row.hash);
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
  return { ok: true, checked, head: { seq: headSeq, hash: prevHash } };
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
