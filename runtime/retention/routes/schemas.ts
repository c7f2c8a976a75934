// The shapes the retention routes answer with, and their error responses.
import { z } from "@hono/zod-openapi";
import { errorResponses as describeErrors } from "../../app/index.ts";

export const errorResponses = describeErrors({
  400: "bad limit or body",
  403: "the caller's role or scopes lack the retention permission",
});

export const RuleSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("retain_until"), retain_until: z.string() }),
    z.object({
      kind: z.literal("category"),
      category_id: z.string(),
      category_name: z.string(),
      retention_days: z.number().int(),
    }),
  ])
  .openapi("RetentionRule", { description: "the rule whose end made the document due" });

export const DueDocumentSchema = z
  .object({
    document_id: z.uuid(),
    name: z.string(),
    category_id: z.uuid().nullable(),
    created_at: z.string(),
    deleted_at: z.string().nullable(),
    retention_ended_at: z.string(),
    rule: RuleSchema,
    versions: z.number().int(),
    bytes: z.number().int(),
  })
  .openapi("RetentionDueDocument");

export const CertificateSchema = z
  .object({
    document: DueDocumentSchema,
    destroyed_versions: z.array(
      z.object({
        version: z.number().int(),
        storage_key: z.string(),
        checksum_sha256: z.string(),
        size_bytes: z.number().int(),
      }),
    ),
    derived_data: z.array(z.string()),
    disposed_at: z.string(),
    run_id: z.string(),
  })
  .openapi("DisposalCertificate", { description: "also in the audit log as action retention.dispose" });

export const Limit = z.coerce
  .number({ error: "must be an integer from 1 to 1000" })
  .int("must be an integer from 1 to 1000")
  .min(1, "must be an integer from 1 to 1000")
  .max(1000, "must be an integer from 1 to 1000");
