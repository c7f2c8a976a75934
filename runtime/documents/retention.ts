// Why a document may not be deleted yet: a legal hold, an explicit retain-until date, or its
// category's retention period. Each reason names the field that holds it.
import type { Document, DocumentCategory } from "../db/schema/index.ts";

const DAY_MS = 24 * 3600 * 1000;

export function deletionBlocker(
  doc: Pick<Document, "legalHold" | "retainUntil" | "createdAt">,
  category: Pick<DocumentCategory, "retentionDays" | "name"> | undefined,
  now: Date,
): { field: string; message: string } | undefined {
  if (doc.legalHold) return { field: "legal_hold", message: "the document is under legal hold" };
  if (doc.retainUntil && doc.retainUntil > now) {
    return { field: "retain_until", message: `retained until ${doc.retainUntil.toISOString()}` };
  }
  const days = category?.retentionDays;
  if (days) {
    const until = new Date(doc.createdAt.getTime() + days * DAY_MS);
    if (until > now) {
      return {
        field: "category_id",
        message: `category "${category.name}" retains documents for ${days} days, until ${until.toISOString()}`,
      };
    }
  }
  return undefined;
}
