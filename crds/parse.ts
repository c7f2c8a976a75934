// Entry points that validate a spec from any source (the informer cache, the console's form) and
// return Problems instead of throwing.

import { type ParseResult, type Problem, parseWith } from "./problems.ts";
import {
  type ComplianceProfileSpec,
  ComplianceProfileSpecSchema,
  profileSpecRules,
} from "./profile-schema.ts";
import { type TenantSpec, TenantSpecSchema, tenantRuleMessages, tenantSpecRules } from "./tenant-schema.ts";

/** Validates a Tenant spec and fills in the CRD defaults (not the tier's limits: see withTierDefaults). */
export function parseTenantSpec(raw: unknown): ParseResult<TenantSpec> {
  return parseWith(TenantSpecSchema, raw, "spec", tenantSpecRules);
}

/** Validates a ComplianceProfile spec and fills in the CRD defaults. */
export function parseComplianceProfileSpec(raw: unknown): ParseResult<ComplianceProfileSpec> {
  return parseWith(ComplianceProfileSpecSchema, raw, "spec", profileSpecRules);
}

/**
 * The CRD's transition rules, for callers that see both versions before the API server does (the
 * console's edit form). A field absent on either side is not a change, as in CEL.
 */
export function immutableFieldProblems(
  previous: Pick<TenantSpec, "tier" | "cloud" | "region">,
  next: Pick<TenantSpec, "tier" | "cloud" | "region">,
): Problem[] {
  const problems: Problem[] = [];
  const check = (field: "tier" | "cloud" | "region", message: string) => {
    const [a, b] = [previous[field], next[field]];
    if (a !== undefined && b !== undefined && a !== b) {
      problems.push({ field: `spec.${field}`, reason: "FieldImmutable", message });
    }
  };
  check("tier", tenantRuleMessages.tierImmutable);
  check("cloud", tenantRuleMessages.cloudImmutable);
  check("region", tenantRuleMessages.regionImmutable);
  return problems;
}
