// Names and closed value sets of the wspec.io API. The `as const` tuples feed both the zod schemas
// and TypeScript unions; crd-schema.test.ts checks every one of them against crds/*.yaml.

export const GROUP = "wspec.io";
export const VERSION = "v1alpha1";
export const API_VERSION = `${GROUP}/${VERSION}` as const;

export const TENANT_KIND = "Tenant";
export const TENANT_PLURAL = "tenants";
export const TENANT_SINGULAR = "tenant";
export const TENANT_SHORT_NAMES = ["tn"] as const;

export const PROFILE_KIND = "ComplianceProfile";
export const PROFILE_PLURAL = "complianceprofiles";
export const PROFILE_SINGULAR = "complianceprofile";
export const PROFILE_SHORT_NAMES = ["cp"] as const;

/** Held on every Tenant until its infrastructure is destroyed (or retained) and its stack removed. */
export const FINALIZER = "wspec.io/teardown";

export const TIERS = ["enterprise", "professional", "starter"] as const;
export type Tier = (typeof TIERS)[number];

export const CLOUDS = ["aws", "azure", "gcp", "local"] as const;
export type Cloud = (typeof CLOUDS)[number];

export const DELETION_POLICIES = ["Destroy", "Retain"] as const;
export type DeletionPolicy = (typeof DELETION_POLICIES)[number];

export const PHASES = ["Pending", "Provisioning", "Ready", "Failed", "Deleting"] as const;
export type Phase = (typeof PHASES)[number];

export const FRAMEWORKS = ["SOX", "GDPR", "HIPAA", "PCI-DSS", "SOC2"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const PII_MODES = ["block", "redact", "flag"] as const;
export type PiiMode = (typeof PII_MODES)[number];

export const TLS_VERSIONS = ["1.2", "1.3"] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

export const STACK_OPERATIONS = ["up", "destroy", "refresh", "preview"] as const;
export type StackOperation = (typeof STACK_OPERATIONS)[number];

export const STACK_RESULTS = ["succeeded", "failed", "in-progress", "cancelled"] as const;
export type StackResult = (typeof STACK_RESULTS)[number];

export const CONDITION_STATUSES = ["True", "False", "Unknown"] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];

/**
 * Ready/Reconciling/Stalled are the kstatus "ready protocol"; Provisioned (the stack's last `up`
 * succeeded), Compliant (spec and preflight agree with the profile) and Drifted (the last
 * read-only refresh found changes made outside Pulumi) say which part is wrong when Ready is False.
 */
export const CONDITION_TYPES = [
  "Ready",
  "Provisioned",
  "Compliant",
  "Reconciling",
  "Stalled",
  "Drifted",
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

/** The runtime release deployed when spec.runtime.version is absent (the CRD default). */
export const DEFAULT_RUNTIME_VERSION = "0.1.0";
export const DEFAULT_RUNTIME_REPLICAS = 2;
export const DEFAULT_DELETION_POLICY: DeletionPolicy = "Destroy";

// Patterns are written once here and copied verbatim into the CRDs: RE2 (the API server) and
// ECMAScript (zod) read these the same way. The drift test compares the strings.

/** A DNS-1123 subdomain, as Kubernetes object names are. */
export const DNS1123_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
/** Any cloud's region name: lowercase letters, digits and inner hyphens (eu-west-1, westeurope, europe-west1). */
export const REGION = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";
/** A region or a prefix ending in `*` (eu-*), or `*` alone. */
export const REGION_PATTERN = "^(\\*|[a-z][a-z0-9-]*\\*?)$";
/** Per-cloud shapes, checked by a CEL rule on spec so that an Azure name sent as an AWS region fails at apply. */
export const CLOUD_REGION: Readonly<Record<Exclude<Cloud, "local">, { pattern: string; example: string }>> = {
  aws: { pattern: "^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$", example: "eu-west-1" },
  azure: { pattern: "^[a-z]+[0-9]?$", example: "westeurope" },
  gcp: { pattern: "^[a-z]+-[a-z]+[0-9]+$", example: "europe-west1" },
};
/** A MIME type such as application/pdf. */
export const MIME_TYPE = "^[a-z]+/[a-z0-9][a-z0-9.+-]*$";
/** A lowercase slug: document categories and tags. */
export const SLUG = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
/** The runtime release: semantic version, optional pre-release. */
export const SEMVER = "^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$";
/** metav1.Condition reason, as the upstream CRD generator writes it. */
export const CONDITION_REASON = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";
/** "namespace/name" of a bound Tenant. */
export const TENANT_REF =
  "^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
export const SHA256_HEX = "^[a-f0-9]{64}$";
