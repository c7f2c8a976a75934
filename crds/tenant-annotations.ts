// The Tenant CRD's documentation, CEL rules and list types, by field path: what the API server
// shows in `kubectl explain` and enforces beyond the structure zod gives (crd-manifests.ts).
import type { CrdDefinition } from "./crd-manifests.ts";
import { tenantRuleMessages } from "./tenant-schema.ts";

export const tenantAnnotations: CrdDefinition["annotations"] = {
  "": {
    description:
      "A customer of the platform. The operator provisions its infrastructure (a silo for enterprise, a pool for professional and starter) on the chosen cloud, under the rules of its ComplianceProfile, and reports progress in status.",
  },
  spec: {
    description: "What the customer bought and where it must run.",
    "x-kubernetes-validations": [
      {
        rule: "self.cloud == 'local' || has(self.region)",
        fieldPath: ".region",
        reason: "FieldValueRequired",
        messageExpression: "'spec.region is required when spec.cloud is \"' + self.cloud + '\"'",
      },
      {
        rule: "!has(self.region) || self.cloud == 'local' || (self.cloud == 'aws' && self.region.matches('^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$')) || (self.cloud == 'azure' && self.region.matches('^[a-z]+[0-9]?$')) || (self.cloud == 'gcp' && self.region.matches('^[a-z]+-[a-z]+[0-9]+$'))",
        fieldPath: ".region",
        reason: "FieldValueInvalid",
        messageExpression:
          "'spec.region \"' + self.region + '\" is not a region name for cloud ' + self.cloud + ' (like ' + (self.cloud == 'aws' ? 'eu-west-1' : self.cloud == 'azure' ? 'westeurope' : 'europe-west1') + ')'",
      },
    ],
  },
  "spec.displayName": {
    description: "The customer's name as shown in the console. Changing it provisions nothing.",
  },
  "spec.tier": {
    description:
      "enterprise: a silo (dedicated network, cluster, database, bucket and keys); professional: a pool with a dedicated namespace and database schema; starter: a pool with a shared schema and row-level security. Immutable.",
    "x-kubernetes-validations": [
      {
        rule: "self == oldSelf",
        message: tenantRuleMessages.tierImmutable,
      },
    ],
  },
  "spec.cloud": {
    description:
      "Where the infrastructure runs. local provisions on the operator's machine (PostgreSQL, Redis, a storage root, the local cluster) with no cloud account. Immutable.",
    "x-kubernetes-validations": [
      {
        rule: "self == oldSelf",
        message: tenantRuleMessages.cloudImmutable,
      },
    ],
  },
  "spec.region": {
    description:
      "The cloud's region name (aws eu-west-1, azure westeurope, gcp europe-west1); it must be allowed by the ComplianceProfile. Required unless cloud is local, where it is ignored. Immutable once set: data residency does not move in place.",
    "x-kubernetes-validations": [
      {
        rule: "self == oldSelf",
        message: tenantRuleMessages.regionImmutable,
      },
    ],
  },
  "spec.complianceProfile": {
    description:
      "Name of the (cluster-scoped) ComplianceProfile whose frameworks, regions, encryption and retention rules apply. The tenant stays Pending with reason ProfileNotFound until it exists.",
  },
  "spec.admins": {
    "x-kubernetes-list-type": "set",
    description: "E-mail addresses of the tenant's first tenant-admin users.",
  },
  "spec.limits": {
    description:
      "Quotas. A limit left out takes its tier's default, applied by the operator (so a new default reaches every tenant that did not set its own): starter 10 GiB, 10000 documents, 1000 requests/hour; professional 100 GiB, 250000 documents, 10000 requests/hour; enterprise 1000 GiB, 5000000 documents, 100000 requests/hour.",
  },
  "spec.limits.storageGiB": {
    description: "Object storage quota, in GiB.",
  },
  "spec.limits.documents": {
    description: "Maximum number of stored documents (all versions of a document count as one).",
  },
  "spec.limits.requestsPerHour": {
    description: "API rate limit for the whole tenant, enforced by the runtime in Redis.",
  },
  "spec.runtime": {
    description: "The tenant's runtime API deployment.",
  },
  "spec.runtime.replicas": {
    description: "Runtime API replicas (dedicated runtime of an enterprise tenant).",
  },
  "spec.runtime.version": {
    description:
      'Runtime release to deploy, a semantic version. A pinned version (not "latest") so that an unchanged spec always means unchanged software.',
  },
  "spec.deletionPolicy": {
    description:
      "On deletion of the Tenant, Destroy removes its infrastructure (pulumi destroy); Retain keeps it and only forgets the stack. Must be Retain when the profile sets deletionProtection.",
  },
  status: {
    description: "Written by the operator only, through the status subresource.",
  },
  "status.phase": {
    description: "A one-word summary of the conditions, for `kubectl get` and the console.",
  },
  "status.conditions": {
    "x-kubernetes-list-type": "map",
    "x-kubernetes-list-map-keys": ["type"],
    description:
      "Ready, Reconciling and Stalled (the kstatus ready protocol); Provisioned (the last pulumi up succeeded), Compliant (preflight against the profile passed) and Drifted (the last read-only refresh found changes made outside Pulumi).",
  },
  "status.conditions[]": {
    description: "A metav1.Condition.",
  },
  "status.conditions[].type": {
    description: "The aspect this condition reports on.",
  },
  "status.conditions[].status": {
    description: "Whether the condition holds.",
  },
  "status.conditions[].observedGeneration": {
    description: "metadata.generation this condition was computed from.",
  },
  "status.conditions[].lastTransitionTime": {
    description: "When status last changed (not reason or message).",
  },
  "status.conditions[].reason": {
    description: "PascalCase cause, such as RegionNotAllowed.",
  },
  "status.conditions[].message": {
    description: "Human-readable detail naming the field and the allowed values.",
  },
  "status.observedGeneration": {
    description: "metadata.generation the operator last acted on.",
  },
  "status.observedInputsHash": {
    description:
      "sha256 of the provisioning inputs (spec and profile) of the last successful update; equal to the current inputs means there is nothing to provision.",
  },
  "status.stack": {
    description: "The tenant's Pulumi stack and its last operation.",
  },
  "status.stack.name": {
    description: "Stack name, tenant-<namespace>-<name>-<hash>.",
  },
  "status.stack.lastOperation": {
    description: "The last Pulumi operation run on the stack.",
  },
  "status.stack.result": {
    description: "Its result.",
  },
  "status.stack.durationSeconds": {
    description: "Its wall time.",
  },
  "status.stack.resourceCount": {
    description: "Resources in the stack after it.",
  },
  "status.stack.lastUpdateTime": {
    description: "When it finished.",
  },
  "status.stack.lastDriftCheckTime": {
    description: "When the last read-only drift check (refresh preview) finished.",
  },
  "status.currentUpdate": {
    description: "The Pulumi operation running now, out of band of reconciles; absent when none.",
  },
  "status.currentUpdate.id": {
    description: "Identifier of the run (the reconcile id that started it).",
  },
  "status.currentUpdate.operation": {
    description: "What is running.",
  },
  "status.currentUpdate.startTime": {
    description: "When it started.",
  },
  "status.currentUpdate.inputsHash": {
    description: "The inputs hash it applies; becomes observedInputsHash on success.",
  },
  "status.outputs": {
    description:
      "What the runtime and its users need to reach the tenant; never a secret (those go to a Secret in the tenant's namespace).",
  },
  "status.outputs.endpoint": {
    description: "Base URL of the tenant's API.",
  },
  "status.outputs.database": {
    description: "Database (enterprise) or schema (professional, starter) name.",
  },
  "status.outputs.storage": {
    description: "Bucket or storage root.",
  },
  "status.outputs.namespace": {
    description: "The tenant's workload namespace.",
  },
  "status.outputs.redisUser": {
    description: "The tenant's Redis ACL user (its password is in the Secret).",
  },
  "status.message": {
    description: "The latest human-readable summary, such as why the tenant is not Ready.",
  },
};
