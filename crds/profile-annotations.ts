// The ComplianceProfile CRD's documentation, CEL rules and list types, by field path: what the API
// server shows in `kubectl explain` and enforces beyond the structure zod gives (crd-manifests.ts).
import type { CrdDefinition } from "./crd-manifests.ts";
import { profileRuleMessages } from "./profile-schema.ts";

export const profileAnnotations: CrdDefinition["annotations"] = {
  "": {
    description:
      "Regulatory rules shared by tenants: frameworks, data residency, encryption, backups, retention, network exposure and the document rules the runtime enforces. Tenants name it in spec.complianceProfile; the operator checks them against it before provisioning, builds their policy packs from it and requeues them when it changes.",
  },
  spec: {
    "x-kubernetes-validations": [
      {
        rule: "!self.frameworks.exists(f, f == 'HIPAA' || f == 'PCI-DSS') || (has(self.encryption) && has(self.encryption.customerManagedKeys) && self.encryption.customerManagedKeys)",
        fieldPath: ".encryption.customerManagedKeys",
        reason: "FieldValueInvalid",
        messageExpression:
          "'spec.encryption.customerManagedKeys must be true when spec.frameworks has ' + (self.frameworks.exists(f, f == 'HIPAA') ? 'HIPAA' : 'PCI-DSS')",
      },
    ],
  },
  "spec.frameworks": {
    "x-kubernetes-list-type": "set",
    description:
      "Regulations the tenants are held to; each selects policy-pack rules. HIPAA and PCI-DSS require encryption.customerManagedKeys (the customer holds the keys).",
  },
  "spec.allowedRegions": {
    description:
      'Data residency, per cloud: the regions a tenant may use, exact names or prefixes ending in * (eu-*), or * for any. A cloud left out is not allowed at all. The local cloud has no regions: listing it (say ["*"]) allows it.',
    "x-kubernetes-validations": [
      {
        rule: "has(self.aws) || has(self.azure) || has(self.gcp) || has(self.local)",
        message: profileRuleMessages.noCloud,
      },
    ],
  },
  "spec.allowedRegions.aws": {
    "x-kubernetes-list-type": "set",
    description: "AWS regions, such as eu-west-1 or eu-*.",
  },
  "spec.allowedRegions.azure": {
    "x-kubernetes-list-type": "set",
    description: "Azure regions, such as westeurope or north*.",
  },
  "spec.allowedRegions.gcp": {
    "x-kubernetes-list-type": "set",
    description: "GCP regions, such as europe-west1 or europe-*.",
  },
  "spec.allowedRegions.local": {
    "x-kubernetes-list-type": "set",
    description: "Present to allow the local target; its entries are not checked.",
  },
  "spec.allowedTiers": {
    "x-kubernetes-list-type": "set",
    description: "Tiers a tenant may have; absent allows all.",
  },
  "spec.encryption": {
    description: "Encryption at rest and in transit.",
  },
  "spec.encryption.customerManagedKeys": {
    description:
      "Data keys dedicated to the tenant in the cloud's KMS (AWS KMS, Key Vault, Cloud KMS). Only enterprise tenants on aws, azure or gcp have them.",
  },
  "spec.encryption.tlsMinVersion": {
    description: "Lowest TLS version the tenant's endpoints accept.",
  },
  "spec.backups": {
    description: "Database backups.",
  },
  "spec.backups.retentionDays": {
    description: "Days automated backups are kept (35 is the longest the managed databases offer).",
  },
  "spec.backups.pointInTimeRecovery": {
    description: "Continuous backup allowing restore to any second within retentionDays.",
  },
  "spec.retention": {
    description: "How long records are kept before they may be deleted.",
  },
  "spec.retention.documentDays": {
    description: "Days a deleted document is held before it is purged.",
  },
  "spec.retention.auditDays": {
    description: "Days audit-log entries are kept (default 7 years, as SOX asks).",
  },
  "spec.network": {
    description: "Network exposure.",
  },
  "spec.network.privateOnly": {
    description: "Endpoints reachable only from private networks (no public ingress).",
  },
  "spec.deletionProtection": {
    description:
      "The operator never destroys the infrastructure of tenants under this profile: their deletionPolicy must be Retain.",
  },
  "spec.pii": {
    description:
      "What the runtime does with personal data it finds in a document: block rejects the document, redact stores a redacted copy for viewing, flag only records it.",
  },
  "spec.virusScan": {
    description:
      "Virus scanning of uploads (ClamAV): every upload is scanned before it is stored, and an infected one is refused.",
  },
  "spec.virusScan.failOpen": {
    description:
      "What happens to uploads while the virus scanner is unreachable. false (the default, fail closed): a new document waits in status pending_scan, nothing of it is served until a retried scan finds it clean, and a new version is refused. true (fail open): uploads are stored and served unscanned, and scanned (and quarantined if infected) once the scanner is back.",
  },
  "spec.documentRules": {
    "x-kubernetes-list-type": "map",
    "x-kubernetes-list-map-keys": ["name"],
    description:
      "Rules the runtime enforces at upload. A rule applies to documents of its category (all documents when category is absent); each document must carry every requiredTags entry, be at most maxSizeMB and have one of allowedTypes.",
  },
  "spec.documentRules[].name": {
    description: "Unique name of the rule, shown in compliance reports.",
  },
  "spec.documentRules[].category": {
    description: "Document category the rule applies to, such as contracts; absent means all.",
  },
  "spec.documentRules[].requiredTags": {
    "x-kubernetes-list-type": "set",
    description: "Tags every matching document must carry.",
  },
  "spec.documentRules[].maxSizeMB": {
    description: "Largest accepted document, in MB.",
  },
  "spec.documentRules[].allowedTypes": {
    "x-kubernetes-list-type": "set",
    description: "Accepted MIME types, such as application/pdf; absent allows any.",
  },
  status: {
    description: "Written by the operator only, through the status subresource.",
  },
  "status.conditions": {
    "x-kubernetes-list-type": "map",
    "x-kubernetes-list-map-keys": ["type"],
    description: "Ready when the profile validated and its policy pack was built.",
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
    description: "PascalCase cause.",
  },
  "status.conditions[].message": {
    description: "Human-readable detail.",
  },
  "status.boundTenants": {
    "x-kubernetes-list-type": "set",
    description: "Tenants naming this profile, as namespace/name.",
  },
  "status.observedGeneration": {
    description: "metadata.generation the operator last acted on.",
  },
};
