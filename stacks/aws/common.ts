// Small facts every AWS component needs: the partition of a region (for managed-policy and S3
// ARNs), and the region + tags spread into each resource's args.
export type Tags = Readonly<Record<string, string>>;

/** aws, aws-us-gov or aws-cn: ARNs of AWS managed policies and S3 buckets differ per partition. */
export function partitionOf(region: string): string {
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("cn-")) return "aws-cn";
  return "aws";
}

/** An AWS managed policy's ARN in the region's partition. */
export function managedPolicyArn(region: string, name: string): string {
  return `arn:${partitionOf(region)}:iam::aws:policy/${name}`;
}

/**
 * Region and tags set on each regional resource's own inputs, not only through the provider, so
 * the policy pack (which sees inputs) can check residency and tagging resource by resource.
 */
export interface Placement {
  readonly region: string;
  readonly tags: Tags;
}

export const regional = (p: Placement) => ({ region: p.region, tags: { ...p.tags } });

/** A Name tag for the console, on top of the tenant's tags. */
export const named = (p: Placement, name: string) => ({ region: p.region, tags: { ...p.tags, Name: name } });

/** Global resources (IAM) take tags but no region. */
export const global = (p: Placement) => ({ tags: { ...p.tags } });
