import { z } from "@hono/zod-openapi";
import { FRAMEWORKS } from "../../../crds/index.ts";
import type { ComplianceCheck } from "../../db/schema/index.ts";
import { CHECK_STATUSES, frameworkFromStored, SEVERITIES } from "../engine/index.ts";

export const FindingSchema = z.object({
  rule_id: z.string(),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  location: z.object({ start: z.number().int(), end: z.number().int() }).optional(),
  remediation: z.string(),
});

export const CheckSchema = z
  .object({
    id: z.string(),
    document_id: z.string(),
    document_version: z.number().int(),
    framework: z.enum(FRAMEWORKS),
    status: z.enum(["pending", ...CHECK_STATUSES]),
    score: z.number().int().nullable(),
    findings: z.array(FindingSchema),
    checked_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("ComplianceCheck");

export function checkView(row: ComplianceCheck): z.infer<typeof CheckSchema> {
  return {
    id: row.id,
    document_id: row.documentId,
    document_version: row.documentVersion,
    framework: frameworkFromStored(row.framework) ?? "SOX",
    status: row.status,
    score: row.score,
    findings: row.findings as z.infer<typeof FindingSchema>[],
    checked_at: row.checkedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
