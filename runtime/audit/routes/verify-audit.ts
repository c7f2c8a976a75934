// GET /api/v2/audit/verify: recomputes the tenant's chain and reports ok or the first broken link.
import { createRoute, z } from "@hono/zod-openapi";
import { type App, jsonResponse, ok, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { verifyAudit } from "../audit-log.ts";
import type { AuditRouteDeps } from "./deps.ts";
import { errorResponses } from "./responses.ts";

export const VerifyResultSchema = z
  .union([
    z.object({
      ok: z.literal(true),
      checked: z.number().int(),
      head: z.object({ seq: z.number().int(), hash: z.string() }),
      unkeyed: z.number().int().openapi({
        description:
          "leading rows written before the chain was keyed (plain SHA-256, recomputable by anyone); every later row is keyed",
      }),
    }),
    z.object({
      ok: z.literal(false),
      checked: z.number().int().openapi({ description: "rows verified before the broken link" }),
      broken: z.object({
        row_id: z.uuid().nullable(),
        seq: z.number().int(),
        reason: z.enum([
          "hash_mismatch",
          "prev_hash_mismatch",
          "sequence_gap",
          "unexpected_row",
          "missing_tail",
        ]),
        expected: z.string(),
        found: z.string(),
      }),
    }),
  ])
  .openapi("AuditVerifyResult");

export const verifyAuditRoute = createRoute({
  method: "get",
  path: "/api/v2/audit/verify",
  tags: ["audit"],
  summary: "Verify the tenant's audit hash chain",
  description:
    "Recomputes every row's hash in order. Reports the first row that was edited, inserted or follows a deleted one, or a deleted tail.",
  // The audit trail is for auditors and admins (the role matrix's audit:read), not every caller.
  ...guardedBy("audit:read"),
  responses: {
    200: jsonResponse("the verification report", VerifyResultSchema),
    ...errorResponses(401, 403),
  },
});

export function registerVerifyAudit(app: App, deps: AuditRouteDeps): void {
  app.openapi(verifyAuditRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const result = await deps.databases.withTenant(tenant.id, (tx) =>
      verifyAudit(tx, tenant.id, deps.key !== undefined ? { key: deps.key } : {}),
    );
    if (!result.ok) c.get("logger")?.warn({ tenant: tenant.id, broken: result.broken }, "audit chain broken");
    return ok(c, result, 200);
  });
}
