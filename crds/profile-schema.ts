// The ComplianceProfile kind: zod schemas for spec and status, mirroring crds/complianceprofile.yaml
// (crd-schema.test.ts keeps them equal).
import type { V1ObjectMeta } from "@kubernetes/client-node";
import { z } from "zod";
import { ConditionSchema } from "./condition-schema.ts";
import {
  type API_VERSION,
  CLOUDS,
  FRAMEWORKS,
  MIME_TYPE,
  PII_MODES,
  REGION_PATTERN,
  SLUG,
  TENANT_REF,
  TIERS,
  TLS_VERSIONS,
} from "./constants.ts";
import { addRuleIssues, type RuleIssue } from "./problems.ts";

const re = (source: string) => new RegExp(source);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

const RegionList = z
  .array(z.string().min(1).max(64).regex(re(REGION_PATTERN), "a region or a prefix ending in * (eu-*)"))
  .min(1)
  .max(64);

const slug = (what: string) => z.string().min(1).max(63).regex(re(SLUG), what);

export const DocumentRuleSchema = z.object({
  name: slug("a lowercase name (letters, digits and '-')"),
  category: slug("a lowercase category (letters, digits and '-')").optional(),
  requiredTags: z.array(slug("a lowercase tag (letters, digits and '-')")).max(32).optional(),
  maxSizeMB: z.int().min(1).max(5120).optional(),
  allowedTypes: z
    .array(z.string().max(127).regex(re(MIME_TYPE), "a MIME type (application/pdf)"))
    .max(64)
    .optional(),
});
export type DocumentRule = z.output<typeof DocumentRuleSchema>;

export const profileRuleMessages = {
  noCloud: "spec.allowedRegions names no cloud: list regions for at least one of [aws, azure, gcp, local]",
  keysRequired: (framework: string) =>
    `spec.encryption.customerManagedKeys must be true when spec.frameworks has ${framework}`,
} as const;

/** Frameworks whose key-management requirements we read as "the customer holds the keys". */
export const FRAMEWORKS_REQUIRING_CMK = ["HIPAA", "PCI-DSS"] as const;

export const ComplianceProfileSpecSchema = z
  .object({
    frameworks: z.array(z.enum(FRAMEWORKS)).min(1).max(5),
    allowedRegions: z.object({
      aws: RegionList.optional(),
      azure: RegionList.optional(),
      gcp: RegionList.optional(),
      local: RegionList.optional(),
    }),
    allowedTiers: z.array(z.enum(TIERS)).min(1).max(3).optional(),
    encryption: z
      .object({
        customerManagedKeys: z.boolean().default(false),
        tlsMinVersion: z.enum(TLS_VERSIONS).default("1.2"),
      })
      .prefault({}),
    backups: z
      .object({
        retentionDays: z.int().min(1).max(35).default(7),
        pointInTimeRecovery: z.boolean().default(false),
      })
      .prefault({}),
    retention: z
      .object({
        documentDays: z.int().min(1).max(36500).default(365),
        auditDays: z.int().min(1).max(36500).default(2555),
      })
      .prefault({}),
    network: z.object({ privateOnly: z.boolean().default(false) }).prefault({}),
    deletionProtection: z.boolean().default(false),
    pii: z.enum(PII_MODES).default("redact"),
    virusScan: z.object({ failOpen: z.boolean().default(false) }).prefault({}),
    documentRules: z.array(DocumentRuleSchema).max(100).default([]),
  })
  .superRefine((spec, ctx) => addRuleIssues(ctx, profileSpecRules(spec)), {
    when: (payload) => isObject(payload.value),
  });

/** The cross-field rules (CEL and list-type checks in the CRD), read defensively as tenantSpecRules. */
export function profileSpecRules(spec: unknown): RuleIssue[] {
  if (!isObject(spec)) return [];
  const issues: RuleIssue[] = [];
  const duplicates = (values: unknown, path: string, key?: string) => {
    if (!Array.isArray(values)) return;
    const seen = values.map((v: unknown) => (key && isObject(v) ? v[key] : v));
    seen.forEach((v, i) => {
      if (typeof v !== "string" || seen.indexOf(v) === i) return;
      const field = `spec.${path}[${i}]${key ? `.${key}` : ""}`;
      issues.push({
        path: [path, i, ...(key ? [key] : [])],
        reason: "Duplicate",
        message: `${field} "${v}" is a duplicate`,
      });
    });
  };
  duplicates(spec.frameworks, "frameworks");
  duplicates(spec.allowedTiers, "allowedTiers");
  duplicates(spec.documentRules, "documentRules", "name");
  const regions = spec.allowedRegions;
  if (isObject(regions) && CLOUDS.every((c) => regions[c] === undefined)) {
    issues.push({ path: ["allowedRegions"], reason: "NoCloudAllowed", message: profileRuleMessages.noCloud });
  }
  const frameworks: unknown[] = Array.isArray(spec.frameworks) ? spec.frameworks : [];
  const needsKeys = FRAMEWORKS_REQUIRING_CMK.find((f) => frameworks.includes(f));
  // Absent encryption defaults to customerManagedKeys: false.
  const keys = isObject(spec.encryption) ? spec.encryption.customerManagedKeys : undefined;
  if (needsKeys && keys !== true) {
    issues.push({
      path: ["encryption", "customerManagedKeys"],
      reason: "CustomerManagedKeysRequired",
      message: profileRuleMessages.keysRequired(needsKeys),
    });
  }
  return issues;
}

export type ComplianceProfileSpec = z.output<typeof ComplianceProfileSpecSchema>;
export type ComplianceProfileSpecInput = z.input<typeof ComplianceProfileSpecSchema>;

export const ComplianceProfileStatusSchema = z.object({
  conditions: z.array(ConditionSchema).max(16).optional(),
  boundTenants: z.array(z.string().max(317).regex(re(TENANT_REF), "namespace/name")).optional(),
  observedGeneration: z.int().min(0).optional(),
});
export type ComplianceProfileStatus = z.output<typeof ComplianceProfileStatusSchema>;

/** A ComplianceProfile as read from the API server (cluster-scoped: no namespace). */
export interface ComplianceProfile {
  apiVersion: typeof API_VERSION;
  kind: "ComplianceProfile";
  metadata: V1ObjectMeta;
  spec: ComplianceProfileSpec;
  status?: ComplianceProfileStatus;
}
