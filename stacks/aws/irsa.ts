// IAM roles for service accounts: a role only the named Kubernetes service account of one cluster
// can assume, with a policy naming exactly the tenant's bucket (or bucket prefix) and KMS key.
// No statement grants on "*": a compromised runtime reaches its own documents and nothing else.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { global, type Placement } from "./common.ts";

export interface StorageAccess {
  readonly bucketArn: string;
  /** "" for the whole bucket (silo); "tenants/<id>/" for a pooled tenant's prefix. */
  readonly prefix: string;
  readonly kmsKeyArn: string;
}

/** The runtime's permissions: list, read, write and delete objects under its prefix, with its key. */
export function storageAccessPolicy(access: StorageAccess): string {
  const { bucketArn, prefix, kmsKeyArn } = access;
  if (!bucketArn.startsWith("arn:") || !kmsKeyArn.startsWith("arn:")) {
    throw new Error(`storageAccessPolicy needs ARNs (bucket "${bucketArn}", key "${kmsKeyArn}")`);
  }
  if (prefix !== "" && (!prefix.endsWith("/") || prefix.includes("*") || prefix.startsWith("/"))) {
    throw new Error(`prefix "${prefix}" must be "" or end in "/", not start with "/", and hold no "*"`);
  }
  const list: Record<string, unknown> = {
    Sid: "ListOwnObjects",
    Effect: "Allow",
    Action: ["s3:ListBucket", "s3:ListBucketVersions"],
    Resource: bucketArn,
  };
  if (prefix) list.Condition = { StringLike: { "s3:prefix": [`${prefix}*`] } };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      list,
      {
        Sid: "ReadWriteOwnObjects",
        Effect: "Allow",
        Action: [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ],
        Resource: `${bucketArn}/${prefix}*`,
      },
      {
        Sid: "UseOwnKey",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
        Resource: kmsKeyArn,
      },
    ],
  });
}

/** Trust for one service account of one cluster's OIDC provider, audience STS. */
export function irsaTrustPolicy(
  oidcProviderArn: string,
  oidcIssuer: string,
  namespace: string,
  serviceAccount: string,
): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${oidcIssuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
            [`${oidcIssuer}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ],
  });
}

export interface RuntimeRoleArgs {
  readonly placement: Placement;
  readonly roleName: string;
  readonly oidcProviderArn: pulumi.Input<string>;
  readonly oidcIssuer: pulumi.Input<string>;
  readonly namespace: pulumi.Input<string>;
  readonly serviceAccount: string;
  readonly bucketArn: pulumi.Input<string>;
  readonly prefix: string;
  readonly kmsKeyArn: pulumi.Input<string>;
}

/** The runtime's IRSA role and its inline policy; returns the role. */
export function runtimeRole(
  name: string,
  args: RuntimeRoleArgs,
  opts: pulumi.CustomResourceOptions,
): aws.iam.Role {
  const role = new aws.iam.Role(
    name,
    {
      name: args.roleName,
      description: "wspec runtime (IRSA): its bucket and key only",
      assumeRolePolicy: pulumi
        .all([args.oidcProviderArn, args.oidcIssuer, args.namespace])
        .apply(([arn, issuer, ns]) => irsaTrustPolicy(arn, issuer, ns, args.serviceAccount)),
      ...global(args.placement),
    },
    opts,
  );
  new aws.iam.RolePolicy(
    `${name}-storage`,
    {
      role: role.name,
      policy: pulumi
        .all([args.bucketArn, args.kmsKeyArn])
        .apply(([bucketArn, kmsKeyArn]) =>
          storageAccessPolicy({ bucketArn, prefix: args.prefix, kmsKeyArn }),
        ),
    },
    opts,
  );
  return role;
}

/** What stacks/runtime puts on the runtime's service account and pods to take the IRSA role. */
export interface WorkloadIdentity {
  readonly annotations: Readonly<Record<string, string>>;
  readonly podLabels: Readonly<Record<string, string>>;
}

export function irsaWorkloadIdentity(roleArn: pulumi.Input<string>): pulumi.Output<WorkloadIdentity> {
  return pulumi
    .output(roleArn)
    .apply(
      (arn): WorkloadIdentity => ({ annotations: { "eks.amazonaws.com/role-arn": arn }, podLabels: {} }),
    );
}
