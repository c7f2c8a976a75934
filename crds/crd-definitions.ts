// The two kinds of the wspec.io API as CustomResourceDefinitions: names, printer columns, schemas
// and annotations. crds/tenant.yaml and crds/complianceprofile.yaml are generated from these.

import {
  GROUP,
  PROFILE_KIND,
  PROFILE_PLURAL,
  PROFILE_SHORT_NAMES,
  PROFILE_SINGULAR,
  TENANT_KIND,
  TENANT_PLURAL,
  TENANT_SHORT_NAMES,
  TENANT_SINGULAR,
  VERSION,
} from "./constants.ts";
import type { CrdDefinition } from "./crd-manifests.ts";
import { profileAnnotations } from "./profile-annotations.ts";
import { ComplianceProfileSpecSchema, ComplianceProfileStatusSchema } from "./profile-schema.ts";
import { tenantAnnotations } from "./tenant-annotations.ts";
import { TenantSpecSchema, TenantStatusSchema } from "./tenant-schema.ts";

const GENERATED = "Generated from crds/*.ts by `npm run generate:crds`: edit the TypeScript, not this file.";
const AGE = { name: "AGE", type: "date", jsonPath: ".metadata.creationTimestamp" };

export const tenantCrd: CrdDefinition = {
  file: "tenant.yaml",
  header: `A Tenant: one customer of the platform, provisioned by the wspec operator through a Pulumi stack.\n${GENERATED}`,
  group: GROUP,
  version: VERSION,
  scope: "Namespaced",
  names: {
    kind: TENANT_KIND,
    plural: TENANT_PLURAL,
    singular: TENANT_SINGULAR,
    shortNames: TENANT_SHORT_NAMES,
  },
  printerColumns: [
    { name: "TIER", type: "string", jsonPath: ".spec.tier" },
    { name: "CLOUD", type: "string", jsonPath: ".spec.cloud" },
    { name: "REGION", type: "string", jsonPath: ".spec.region" },
    { name: "PHASE", type: "string", jsonPath: ".status.phase" },
    { name: "READY", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    AGE,
  ],
  spec: TenantSpecSchema,
  status: TenantStatusSchema,
  annotations: tenantAnnotations,
};

export const profileCrd: CrdDefinition = {
  file: "complianceprofile.yaml",
  header: `A ComplianceProfile: the regulatory rules a set of tenants is provisioned and run under.\n${GENERATED}`,
  group: GROUP,
  version: VERSION,
  scope: "Cluster",
  names: {
    kind: PROFILE_KIND,
    plural: PROFILE_PLURAL,
    singular: PROFILE_SINGULAR,
    shortNames: PROFILE_SHORT_NAMES,
  },
  printerColumns: [
    { name: "FRAMEWORKS", type: "string", jsonPath: ".spec.frameworks" },
    { name: "PII", type: "string", jsonPath: ".spec.pii" },
    AGE,
  ],
  spec: ComplianceProfileSpecSchema,
  status: ComplianceProfileStatusSchema,
  annotations: profileAnnotations,
};

export const CRDS: readonly CrdDefinition[] = [tenantCrd, profileCrd];
