// Which documents' retention has ended. A document has a retention rule when it carries an explicit
// retain-until date or its category a retention period; it is due once every rule it has has
// passed (the later end decides, as for a manual delete in documents/retention.ts) and it is not
// on legal hold. A document with no rule is kept: nothing says when it may go.
import { and, asc, eq, isNotNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { TenantTx } from "../db/index.ts";
import { documentCategories, documents, documentVersions } from "../db/schema/index.ts";

/** The rule whose end made the document due (the later of the two when both apply). */
export type RetentionRule =
  | { kind: "retain_until"; retain_until: string }
  | { kind: "category"; category_id: string; category_name: string; retention_days: number };

export interface DueDocument {
  document_id: string;
  name: string;
  category_id: string | null;
  created_at: string;
  deleted_at: string | null;
  retention_ended_at: string;
  rule: RetentionRule;
  versions: number;
  bytes: number;
}

const endsAt = sql<Date>`greatest(${documents.retainUntil}, ${documents.createdAt} + make_interval(days => ${documentCategories.retentionDays}))`;

export interface DueQuery {
  now: Date;
  /** At most this many, oldest end first. */
  limit: number;
  /** Only this document (the re-check under lock before disposal). */
  documentId?: string;
  /** Lock the document rows (FOR UPDATE OF documents) for disposal. */
  lock?: boolean;
}

export async function dueDocuments(tx: TenantTx, q: DueQuery): Promise<DueDocument[]> {
  const conditions: SQL[] = [
    eq(documents.legalHold, false),
    // A rule exists, and the later of the rules that exist has passed.
    or(isNotNull(documents.retainUntil), isNotNull(documentCategories.retentionDays)) as SQL,
    // As text with its type: drizzle cannot map a Date compared with an untyped SQL expression,
    // and postgres-js then fails to serialize it (a 500 the fuzzer found on GET /retention/due).
    lte(endsAt, sql`${q.now.toISOString()}::timestamptz`),
  ];
  if (q.documentId) conditions.push(eq(documents.id, q.documentId));
  const query = tx
    .select({
      id: documents.id,
      name: documents.name,
      categoryId: documents.categoryId,
      categoryName: documentCategories.name,
      retentionDays: documentCategories.retentionDays,
      retainUntil: documents.retainUntil,
      createdAt: documents.createdAt,
      deletedAt: documents.deletedAt,
      endsAt: sql<string>`${endsAt}`.mapWith((v: string | Date) => new Date(v)),
      versions: sql<number>`(select count(*)::int from ${documentVersions} v where v.document_id = ${documents.id})`,
      bytes:
        sql<number>`(select coalesce(sum(v.size_bytes), 0)::bigint from ${documentVersions} v where v.document_id = ${documents.id})`.mapWith(
          Number,
        ),
    })
    .from(documents)
    .leftJoin(documentCategories, eq(documentCategories.id, documents.categoryId))
    .where(and(...conditions))
    .orderBy(asc(endsAt), asc(documents.id))
    .limit(q.limit);
  const rows = q.lock ? await query.for("update", { of: documents }) : await query;
  return rows.map((r) => {
    const categoryEnd =
      r.retentionDays !== null ? new Date(r.createdAt.getTime() + r.retentionDays * 86_400_000) : undefined;
    const rule: RetentionRule =
      r.retainUntil && (!categoryEnd || r.retainUntil >= categoryEnd)
        ? { kind: "retain_until", retain_until: r.retainUntil.toISOString() }
        : {
            kind: "category",
            category_id: r.categoryId ?? "",
            category_name: r.categoryName ?? "",
            retention_days: r.retentionDays ?? 0,
          };
    return {
      document_id: r.id,
      name: r.name,
      category_id: r.categoryId,
      created_at: r.createdAt.toISOString(),
      deleted_at: r.deletedAt?.toISOString() ?? null,
      retention_ended_at: r.endsAt.toISOString(),
      rule,
      versions: r.versions,
      bytes: r.bytes,
    };
  });
}
