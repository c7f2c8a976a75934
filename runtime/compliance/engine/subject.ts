// What the engine evaluates: a document's text, its metadata, the entity spans found in it and its
// classification. Input is parsed once with defaults, so a rule never meets a missing field.
import { z } from "zod";

// As runtime/documents accepts them: any 1-64 characters, compared lowercased.
const tag = z
  .string()
  .min(1, "each tag must be 1-64 characters")
  .max(64, "each tag must be 1-64 characters")
  .transform((t) => t.toLowerCase());
const when = z.coerce.date({ error: "must be an ISO 8601 date-time" });

/**
 * A typed span of the content, as runtime/ai/entities produces (`text === content.slice(start, end)`).
 * Only the fields the rules read are required, so the extractor's extra fields pass through unchanged.
 */
export const EntitySpanSchema = z.object({
  type: z.string().min(1).max(64),
  start: z.int().min(0),
  end: z.int().min(0),
  text: z.string(),
  confidence: z.number().min(0).max(1),
});

export const ApprovalSchema = z.object({
  by: z.string().min(1).max(256),
  at: when,
  role: z.string().max(64).optional(),
  /** The document version approved; absent means the current one. */
  version: z.int().min(1).optional(),
});

/** A grant on the document (document_permissions): the engine only cares whether it ends. */
export const ShareSchema = z.object({
  permission: z.enum(["read", "write"]).default("read"),
  expiresAt: when.nullable().default(null),
});

export const SubjectMetadataSchema = z.object({
  /** The category's name (document_categories.name); null when uncategorized. */
  category: z.string().min(1).max(255).nullable().default(null),
  tags: z.array(tag).max(256).default([]),
  contentType: z.string().max(255).nullable().default(null),
  sizeBytes: z.int().min(0).nullable().default(null),
  createdAt: when,
  createdBy: z.string().max(256).nullable().default(null),
  /** The current version number (approvals name the version they approved). */
  version: z.int().min(1).default(1),
  retainUntil: when.nullable().default(null),
  /** The category's retention (document_categories.retention_days), counted from createdAt. */
  retentionDays: z.int().min(1).nullable().default(null),
  legalHold: z.boolean().default(false),
  approvals: z.array(ApprovalSchema).max(100).default([]),
  access: z
    .object({
      /** Reachable without a tenant login (a public link). */
      public: z.boolean().default(false),
      shares: z.array(ShareSchema).max(10_000).default([]),
    })
    .prefault({}),
  /** False when reads and changes of this document are not written to the audit log. */
  auditLogged: z.boolean().default(true),
  /** The document's free-form metadata (documents.metadata): consent references, fiscal period... */
  attributes: z.record(z.string(), z.unknown()).default({}),
});

export const ComplianceSubjectSchema = z
  .object({
    content: z.string().max(50_000_000).default(""),
    metadata: SubjectMetadataSchema,
    entities: z.array(EntitySpanSchema).max(100_000).default([]),
    /** The classifier's label (documents.classification), e.g. "invoice" or "financial_statement". */
    classification: z.string().max(128).nullable().default(null),
  })
  .superRefine((s, ctx) => {
    s.entities.forEach((e, i) => {
      if (e.end < e.start || e.end > s.content.length) {
        ctx.addIssue({
          code: "custom",
          path: ["entities", i, "end"],
          message: `span [${e.start}, ${e.end}) is outside the content (length ${s.content.length})`,
        });
      }
    });
  });

export type EntitySpan = z.output<typeof EntitySpanSchema>;
export type Approval = z.output<typeof ApprovalSchema>;
export type SubjectMetadata = z.output<typeof SubjectMetadataSchema>;
export type ComplianceSubject = z.output<typeof ComplianceSubjectSchema>;
export type ComplianceSubjectInput = z.input<typeof ComplianceSubjectSchema>;

/** Errors are values here: the route answers 400 with these messages and checks nothing. */
export function parseSubject(
  input: unknown,
): { ok: true; value: ComplianceSubject } | { ok: false; problems: string[] } {
  const r = ComplianceSubjectSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "subject"}: ${i.message}`),
  };
}
