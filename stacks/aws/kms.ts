// A customer-managed KMS key with yearly rotation, and an alias so people find it in the console.
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { type Placement, regional } from "./common.ts";

export interface KeyArgs {
  readonly description: string;
  /** `alias/<aliasName>`. */
  readonly aliasName: string;
  /** 7-30; the longest wait before a scheduled deletion cannot be undone. */
  readonly deletionWindowInDays?: number;
}

export function customerManagedKey(
  name: string,
  args: KeyArgs,
  placement: Placement,
  opts: pulumi.CustomResourceOptions,
): aws.kms.Key {
  const key = new aws.kms.Key(
    name,
    {
      description: args.description,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: args.deletionWindowInDays ?? 30,
      keyUsage: "ENCRYPT_DECRYPT",
      ...regional(placement),
    },
    opts,
  );
  new aws.kms.Alias(
    `${name}-alias`,
    { name: `alias/${args.aliasName}`, targetKeyId: key.keyId, region: placement.region },
    opts,
  );
  return key;
}
