// GET /api/v2/compliance/policies (compliance:read): what the tenant's compliance profile asks of
// its documents: frameworks (with the rule set versions they are checked under), the PII mode
// applied at upload, and the document rules that count in every framework's score.
import { createRoute, z } from "@hono/zod-openapi";
import { DocumentRuleSchema, PII_MODES } from "../../../crds/index.ts";
import { type App, envelopeOf, ok, requireTenant } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { RULE_SETS } from "../engine/index.ts";
import type { ComplianceRouteDeps } from "./deps.ts";
import { errorResponses, FrameworkName } from "./errors.ts";

export const PoliciesSchema = z
  .object({
    frameworks: z.array(z.object({ framework: FrameworkName, version: z.string(), standard: z.string() })),
    pii: z.enum(PII_MODES),
    document_rules: z.array(DocumentRuleSchema),
  })
  .openapi("CompliancePolicies");

export const getPoliciesRoute = createRoute({
  method: "get",
  path: "/api/v2/compliance/policies",
  tags: ["compliance"],
  summary: "The tenant's compliance profile: frameworks, PII mode, document rules",
  ...guardedBy("compliance:read"),
  responses: {
    200: {
      description: "the policies",
      content: { "application/json": { schema: envelopeOf(PoliciesSchema) } },
    },
    ...errorResponses(401, 403),
  },
});

export function registerGetPolicies(app: App, deps: ComplianceRouteDeps): void {
  app.openapi(getPoliciesRoute, (c) => {
    const { tenant } = requireTenant(c);
    const policy = deps.policyFor(tenant.id);
    return ok(
      c,
      {
        frameworks: policy.frameworks.map((f) => ({
          framework: f,
          version: RULE_SETS[f].version,
          standard: RULE_SETS[f].standard,
        })),
        pii: policy.pii,
        document_rules: [...policy.documentRules],
      },
      200,
    );
  });
}
