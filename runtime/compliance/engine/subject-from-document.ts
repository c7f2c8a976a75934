// Builds a subject from what the runtime stores: the documents row, its category, the entity
// spans of its text and its live shares. Approvals are read from metadata.approvals until they
// have a table of their own.
import type { DocumentCategory } from "../../db/schema/document-categories/document-category.ts";
import type { Document } from "../../db/schema/documents/document.ts";
import { type ComplianceSubject, type ComplianceSubjectInput, parseSubject } from "./subject.ts";

export interface DocumentFacts {
  document: Pick<
    Document,
    | "extractedText"
    | "tags"
    | "metadata"
    | "classification"
    | "legalHold"
    | "retainUntil"
    | "createdAt"
    | "createdBy"
    | "contentType"
    | "sizeBytes"
    | "currentVersion"
  >;
  category?: Pick<DocumentCategory, "name" | "retentionDays"> | null;
  entities?: ComplianceSubjectInput["entities"];
  /** Unrevoked document_permissions rows. */
  shares?: { permission: "read" | "write"; expiresAt: Date | null }[];
}

export function subjectFromDocument(
  facts: DocumentFacts,
): { ok: true; value: ComplianceSubject } | { ok: false; problems: string[] } {
  const { document: d, category = null, entities = [], shares = [] } = facts;
  const approvals = Array.isArray(d.metadata.approvals) ? d.metadata.approvals : [];
  return parseSubject({
    content: d.extractedText ?? "",
    entities,
    classification: d.classification,
    metadata: {
      category: category?.name ?? null,
      tags: d.tags,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes,
      createdAt: d.createdAt,
      createdBy: d.createdBy,
      version: d.currentVersion,
      retainUntil: d.retainUntil,
      retentionDays: category?.retentionDays ?? null,
      legalHold: d.legalHold,
      approvals,
      // Every runtime route writes the audit log and there are no public links (yet).
      access: { public: false, shares },
      auditLogged: true,
      attributes: d.metadata,
    },
  });
}
