// The Tenant kind: zod schemas for spec and status, mirroring crds/tenant.yaml (crd-schema.test.ts
// keeps them equal). Cross-field rules are the CRD's CEL rules, with the same messages.
import type { V1ObjectMeta } from "@kubernetes/client-node";
import { z } from "zod";
import { ConditionSchema } from "./condition-schema.ts";
import {
  type API_VERSION,
  CLOUD_REGION,
  CLOUDS,
  DEFAULT_DELETION_POLICY,
  DEFAULT_RUNTIME_REPLICAS,
  DEFAULT_RUNTIME_VERSION,
  DELETION_POLICIES,
  DNS1123_SUBDOMAIN,
  PHASES,
  REGION,
  SEMVER,
  SHA256_HEX,
  STACK_OPERATIONS,
  STACK_RESULTS,
  TIERS,
} from "./constants.ts";
import { addRuleIssues, type RuleIssue } from "./problems.ts";

const re = (source: string) => new RegExp(source);

export const TenantLimitsSchema = z.object({
  storageGiB: z.int().min(1).max(65536).optional(),
  documents: z.int().min(1).max(1_000_000_000).optional(),
  requestsPerHour: z.int().min(1).max(100_000_000).optional(),
});

export const TenantRuntimeSchema = z.object({
  replicas: z.int().min(1).max(20).default(DEFAULT_RUNTIME_REPLICAS),
  version: z
    .string()
    .max(64)
    .regex(re(SEMVER), "a semantic version (1.2.3 or 1.2.3-rc.1)")
    .default(DEFAULT_RUNTIME_VERSION),
});

const TenantSpecObject = z.object({
  displayName: z.string().min(1).max(100),
  tier: z.enum(TIERS),
  cloud: z.enum(CLOUDS),
  region: z
    .string()
    .min(2)
    .max(32)
    .regex(re(REGION), "a region name (lowercase letters, digits and '-')")
    .optional(),
  complianceProfile: z
    .string()
    .min(1)
    .max(253)
    .regex(re(DNS1123_SUBDOMAIN), "a DNS-1123 name (lowercase letters, digits, '-' and '.')"),
  admins: z
    .array(z.email({ error: "an email address" }).max(254))
    .min(1)
    .max(20),
  limits: TenantLimitsSchema.optional(),
  runtime: TenantRuntimeSchema.prefault({}),
  deletionPolicy: z.enum(DELETION_POLICIES).default(DEFAULT_DELETION_POLICY),
});

/** The messages of the CRD's CEL rules; the YAML carries the same text (checked by the drift test). */
export const tenantRuleMessages = {
  regionRequired: (cloud: string) => `spec.region is required when spec.cloud is "${cloud}"`,
  regionShape: (region: string, cloud: string, example: string) =>
    `spec.region "${region}" is not a region name for cloud ${cloud} (like ${example})`,
  tierImmutable: "spec.tier is immutable: moving a tenant to another tier is a migration to a new tenant",
  cloudImmutable: "spec.cloud is immutable: moving a tenant to another cloud is a migration to a new tenant",
  regionImmutable:
    "spec.region is immutable: moving a tenant's data to another region is a migration to a new tenant",
} as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/**
 * The cross-field rules (CEL in the CRD). They read the raw input defensively, because they also
 * run when other fields failed, so that one pass reports every problem as the API server does.
 */
export function tenantSpecRules(spec: unknown): RuleIssue[] {
  if (!isObject(spec)) return [];
  const issues: RuleIssue[] = [];
  const { cloud, region, admins } = spec;
  if (cloud === "aws" || cloud === "azure" || cloud === "gcp") {
    if (region === undefined) {
      issues.push({
        path: ["region"],
        reason: "RegionRequired",
        message: tenantRuleMessages.regionRequired(cloud),
      });
    } else if (typeof region === "string" && re(REGION).test(region)) {
      const shape = CLOUD_REGION[cloud];
      if (!re(shape.pattern).test(region)) {
        issues.push({
          path: ["region"],
          reason: "InvalidRegion",
          message: tenantRuleMessages.regionShape(region, cloud, shape.example),
        });
      }
    }
  }
  // The CRD's listType=set rejects duplicates at apply; the same here for specs from other sources.
  if (Array.isArray(admins)) {
    admins.forEach((admin: unknown, i) => {
      if (typeof admin === "string" && admins.indexOf(admin) !== i) {
        issues.push({
          path: ["admins", i],
          reason: "Duplicate",
          message: `spec.admins[${i}] "${admin}" is a duplicate`,
        });
      }
    });
  }
  return issues;
}

export const TenantSpecSchema = TenantSpecObject.superRefine(
  (spec, ctx) => addRuleIssues(ctx, tenantSpecRules(spec)),
  {
    when: (payload) => isObject(payload.value),
  },
);

/** A validated spec with the CRD defaults (runtime, deletionPolicy) filled in. */
export type TenantSpec = z.output<typeof TenantSpecSchema>;
/** What a user writes: defaulted fields may be absent. */
export type TenantSpecInput = z.input<typeof TenantSpecSchema>;
export type TenantLimits = z.output<typeof TenantLimitsSchema>;

const time = z.iso.datetime({ offset: true });

export const TenantStackStatusSchema = z.object({
  name: z.string().min(1).max(100),
  lastOperation: z.enum(STACK_OPERATIONS).optional(),
  result: z.enum(STACK_RESULTS).optional(),
  durationSeconds: z.number().min(0).optional(),
  resourceCount: z.int().min(0).optional(),
  lastUpdateTime: time.optional(),
  lastDriftCheckTime: time.optional(),
});

export const TenantCurrentUpdateSchema = z.object({
  id: z.string().min(1).max(128),
  operation: z.enum(STACK_OPERATIONS),
  startTime: time,
  inputsHash: z.string().regex(re(SHA256_HEX), "a sha256 hex digest").optional(),
});

export const TenantOutputsSchema = z.object({
  endpoint: z.string().max(2048).optional(),
  database: z.string().max(256).optional(),
  storage: z.string().max(2048).optional(),
  namespace: z.string().max(63).optional(),
  redisUser: z.string().max(256).optional(),
});

export const TenantStatusSchema = z.object({
  phase: z.enum(PHASES).optional(),
  conditions: z.array(ConditionSchema).max(16).optional(),
  observedGeneration: z.int().min(0).optional(),
  observedInputsHash: z.string().regex(re(SHA256_HEX), "a sha256 hex digest").optional(),
  stack: TenantStackStatusSchema.optional(),
  currentUpdate: TenantCurrentUpdateSchema.optional(),
  outputs: TenantOutputsSchema.optional(),
  message: z.string().max(32768).optional(),
});
export type TenantStatus = z.output<typeof TenantStatusSchema>;
export type TenantStackStatus = z.output<typeof TenantStackStatusSchema>;
export type TenantCurrentUpdate = z.output<typeof TenantCurrentUpdateSchema>;
export type TenantOutputs = z.output<typeof TenantOutputsSchema>;

/** A Tenant as read from the API server. Its spec passed the CRD schema; still run parseTenantSpec. */
export interface Tenant {
  apiVersion: typeof API_VERSION;
  kind: "Tenant";
  metadata: V1ObjectMeta;
  spec: TenantSpec;
  status?: TenantStatus;
}
