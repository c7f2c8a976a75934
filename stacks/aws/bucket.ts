// The document bucket: SSE-KMS with a customer-managed key, versioning, every public-access block,
// ACLs disabled, a policy refusing plain HTTP and TLS below the profile's minimum, lifecycle to
// colder storage classes, and object lock (write once) when the profile asks for it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ObjectLockSettings } from "../shared/profile.ts";
import { type Placement, regional } from "./common.ts";

export const AWS_SECURE_BUCKET_TYPE = "wspec:aws:SecureBucket";

/** Days after which current objects move to Standard-IA, then to Glacier Flexible Retrieval. */
export const LIFECYCLE_DAYS = { standardIa: 90, glacier: 365 } as const;

export interface AwsSecureBucketArgs {
  readonly placement: Placement;
  readonly bucketName: string;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly objectLock: ObjectLockSettings;
  /** "1.2" or "1.3": requests over older TLS are denied by the bucket policy. */
  readonly tlsMinVersion: string;
  /** Let a destroy empty the bucket first (off: a tenant's documents are never deleted by accident). */
  readonly forceDestroy?: boolean;
}

export class AwsSecureBucket extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;

  constructor(name: string, args: AwsSecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AWS_SECURE_BUCKET_TYPE, name, {}, opts);
    const { placement, objectLock } = args;
    const parent = { parent: this };
    const { region } = placement;

    const bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      {
        bucket: args.bucketName,
        // Object lock can only be turned on when the bucket is created.
        objectLockEnabled: objectLock.enabled,
        forceDestroy: args.forceDestroy ?? false,
        ...regional(placement),
      },
      parent,
    );
    const bucketId = bucket.id;
    const blocked = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket: bucketId,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
        region,
      },
      parent,
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: bucketId, rule: { objectOwnership: "BucketOwnerEnforced" }, region },
      parent,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucketId,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
            // One data key per bucket instead of per object: far fewer KMS calls, same key.
            bucketKeyEnabled: true,
          },
        ],
        region,
      },
      parent,
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: bucketId, versioningConfiguration: { status: "Enabled" }, region },
      parent,
    );
    new aws.s3.BucketPolicy(
      `${name}-policy`,
      { bucket: bucketId, policy: bucket.arn.apply((arn) => tlsOnlyPolicy(arn, args.tlsMinVersion)), region },
      // A policy sent before the public-access block could be judged public and refused.
      { parent: this, dependsOn: [blocked] },
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: bucketId,
        rules: [
          {
            id: "colder-storage",
            status: "Enabled",
            filter: {},
            transitions: [
              { days: LIFECYCLE_DAYS.standardIa, storageClass: "STANDARD_IA" },
              { days: LIFECYCLE_DAYS.glacier, storageClass: "GLACIER" },
            ],
            noncurrentVersionTransitions: [
              { noncurrentDays: LIFECYCLE_DAYS.standardIa, storageClass: "STANDARD_IA" },
              { noncurrentDays: LIFECYCLE_DAYS.glacier, storageClass: "GLACIER" },
            ],
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
        region,
      },
      { parent: this, dependsOn: [versioning] },
    );
    if (objectLock.enabled) {
      new aws.s3.BucketObjectLockConfiguration(
        `${name}-object-lock`,
        {
          bucket: bucketId,
          objectLockEnabled: "Enabled",
          rule: { defaultRetention: { mode: objectLock.mode, days: objectLock.retentionDays } },
          region,
        },
        { parent: this, dependsOn: [versioning] },
      );
    }

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}

/** Denies every request over plain HTTP, and over TLS older than `tlsMinVersion`. */
export function tlsOnlyPolicy(bucketArn: string, tlsMinVersion: string): string {
  const resources = [bucketArn, `${bucketArn}/*`];
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: resources,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyOldTls",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: resources,
        Condition: { NumericLessThan: { "s3:TlsVersion": Number(tlsMinVersion) } },
      },
    ],
  });
}
