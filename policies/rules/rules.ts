// Every rule, in the order the pack lists them and preflight reports them.
import { backupRetention } from "./backup-retention.ts";
import { dataResidency } from "./data-residency.ts";
import { deletionProtection } from "./deletion-protection.ts";
import { encryptionAtRest } from "./encryption-at-rest.ts";
import { logging } from "./logging.ts";
import { noPublicAccess } from "./no-public-access.ts";
import { tlsMinVersion } from "./tls-min-version.ts";
import type { ComplianceRule } from "./types.ts";

export const RULES: readonly ComplianceRule[] = [
  dataResidency,
  encryptionAtRest,
  backupRetention,
  noPublicAccess,
  tlsMinVersion,
  deletionProtection,
  logging,
];
