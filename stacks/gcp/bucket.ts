// A GCS bucket for tenant documents: default encryption with a customer-managed KMS key, uniform
// bucket-level access (IAM only, no ACLs), public access prevention enforced, versioning, soft
// delete, lifecycle tiers, and a retention policy when the profile asks for write-once records.
import * as storage from "@pulumi/gcp/storage/index.js";
import type * as pulumi from "@pulumi/pulumi";
import type { ObjectLockSettings } from "../shared/index.ts";

/** Objects move to NEARLINE after 90 days and ARCHIVE after 365 (the same ages on every cloud). */
export const LIFECYCLE_DAYS = { nearline: 90, archive: 365 } as const;
export const SOFT_DELETE_SECONDS = 30 * 86_400;

export interface DocumentBucketArgs {
  readonly project: string;
  readonly region: string;
  readonly bucketName: string;
  readonly kmsKeyId: pulumi.Input<string>;
  readonly objectLock: ObjectLockSettings;
  readonly labels: Readonly<Record<string, string>>;
}

export function documentBucket(
  name: string,
  args: DocumentBucketArgs,
  opts: pulumi.CustomResourceOptions,
): storage.Bucket {
  return new storage.Bucket(
    name,
    {
      project: args.project,
      name: args.bucketName,
      location: args.region,
      storageClass: "STANDARD",
      encryption: { defaultKmsKeyName: args.kmsKeyId },
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      versioning: { enabled: true },
      softDeletePolicy: { retentionDurationSeconds: SOFT_DELETE_SECONDS },
      forceDestroy: false,
      lifecycleRules: [
        {
          action: { type: "SetStorageClass", storageClass: "NEARLINE" },
          condition: { age: LIFECYCLE_DAYS.nearline, matchesStorageClasses: ["STANDARD"] },
        },
        {
          action: { type: "SetStorageClass", storageClass: "ARCHIVE" },
          condition: { age: LIFECYCLE_DAYS.archive, matchesStorageClasses: ["STANDARD", "NEARLINE"] },
        },
      ],
      // Unlocked, as GOVERNANCE elsewhere: a locked policy can never be shortened or removed, so a
      // tenant being torn down would strand its objects for the whole period.
      ...(args.objectLock.enabled
        ? {
            retentionPolicy: {
              retentionPeriod: String(args.objectLock.retentionDays * 86_400),
              isLocked: false,
            },
          }
        : {}),
      labels: args.labels,
    },
    opts,
  );
}
