// The shared AWS platform pooled (professional, starter) tenants are placed on: one VPC, EKS
// cluster, Aurora PostgreSQL, ElastiCache and document bucket, each encrypted with the platform's
// key and hardened as a silo's are. It is its own stack; tenant stacks read its outputs through a
// StackReference (AwsTenantPool's `platform`), so a tenant's `up` never touches shared resources.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Tier } from "../../crds/constants.ts";
import type { ComplianceProfileSpec, ComplianceProfileSpecInput } from "../../crds/profile-schema.ts";
import { POOL_DATABASE, TENANT_ID } from "../local/naming.ts";
import { resourceName } from "../shared/naming.ts";
import { type StackProfile, stackProfile } from "../shared/profile.ts";
import { RandomSecret } from "../shared/random-secret.ts";
import { tierSizing } from "../shared/sizing.ts";
import { tenantTags } from "../shared/tags.ts";
import { DEFAULT_ENVIRONMENT } from "./args.ts";
import type { Placement } from "./common.ts";
import { POSTGRES_PORT } from "./database.ts";
import { awsEstate } from "./estate.ts";
import { REDIS_PORT } from "./redis.ts";

export const AWS_POOL_PLATFORM_TYPE = "wspec:aws:PoolPlatform";
/** The platform's PostgreSQL superuser-ish login (rds_superuser), used only to create tenant roles. */
export const POOL_ADMIN_USER = "wspec_admin";

export interface AwsPoolPlatformArgs {
  /** Names the platform's resources like a tenant id does (1-40 of [a-z0-9-]). */
  readonly platformId: string;
  readonly region: string;
  /** The strictest profile among the tenants it hosts: backups, TLS, object lock, deletion protection. */
  readonly profile: StackProfile;
  /** Which row of the sizing table: professional (default) or starter. */
  readonly sizingTier: Exclude<Tier, "enterprise">;
  readonly placement: Placement;
  readonly vpcCidr?: string;
  readonly kubernetesVersion?: string;
  readonly availabilityZones?: pulumi.Input<string[]>;
}

export interface AwsPoolPlatformArgsInput {
  readonly platformId: string;
  readonly region: string;
  readonly profile: ComplianceProfileSpec | ComplianceProfileSpecInput;
  readonly sizingTier?: Exclude<Tier, "enterprise">;
  readonly environment?: string;
  readonly costCenter?: string;
  readonly vpcCidr?: string;
  readonly kubernetesVersion?: string;
}

export function awsPoolPlatformArgs(input: AwsPoolPlatformArgsInput): AwsPoolPlatformArgs {
  if (!TENANT_ID.test(input.platformId)) {
    throw new Error(
      `platformId "${input.platformId}" must be 1-40 lowercase letters, digits and inner hyphens, starting with a letter`,
    );
  }
  const sizingTier = input.sizingTier ?? "professional";
  const profile = stackProfile({ tier: sizingTier, cloud: "aws", region: input.region }, input.profile);
  const tags = tenantTags({
    tenantId: input.platformId,
    tier: sizingTier,
    environment: input.environment ?? DEFAULT_ENVIRONMENT,
    ...(input.costCenter !== undefined ? { costCenter: input.costCenter } : {}),
  });
  return {
    platformId: input.platformId,
    region: input.region,
    profile,
    sizingTier,
    placement: { region: input.region, tags },
    ...(input.vpcCidr !== undefined ? { vpcCidr: input.vpcCidr } : {}),
    ...(input.kubernetesVersion !== undefined ? { kubernetesVersion: input.kubernetesVersion } : {}),
  };
}

/** The platform stack's outputs, read by tenant stacks (names are the StackReference keys). */
export interface AwsPoolPlatformOutputs {
  region: string;
  vpcId: string;
  vpcCidr: string;
  clusterName: string;
  kubeconfig: string;
  oidcProviderArn: string;
  oidcIssuer: string;
  bucketName: string;
  bucketArn: string;
  kmsKeyArn: string;
  objectLockEnabled: boolean;
  databaseEndpoint: string;
  databasePort: number;
  databaseName: string;
  /** Secret: the admin login's URL, for creating tenant roles and schemas. */
  databaseAdminUrl: string;
  redisEndpoint: string;
  redisPort: number;
  redisUserGroupId: string;
}
export const POOL_PLATFORM_OUTPUT_KEYS = [
  "region",
  "vpcId",
  "vpcCidr",
  "clusterName",
  "kubeconfig",
  "oidcProviderArn",
  "oidcIssuer",
  "bucketName",
  "bucketArn",
  "kmsKeyArn",
  "objectLockEnabled",
  "databaseEndpoint",
  "databasePort",
  "databaseName",
  "databaseAdminUrl",
  "redisEndpoint",
  "redisPort",
  "redisUserGroupId",
] as const satisfies readonly (keyof AwsPoolPlatformOutputs)[];

export type AwsPoolPlatformRef = {
  readonly [K in keyof AwsPoolPlatformOutputs]: pulumi.Output<AwsPoolPlatformOutputs[K]>;
};

export class AwsPoolPlatform extends pulumi.ComponentResource {
  public readonly outputs: AwsPoolPlatformRef;

  constructor(name: string, args: AwsPoolPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AWS_POOL_PLATFORM_TYPE, name, {}, opts);
    const { platformId, profile, placement } = args;
    const estate = awsEstate(
      name,
      {
        id: platformId,
        region: args.region,
        placement,
        profile,
        sizing: tierSizing(args.sizingTier),
        keyDescription: `wspec pool platform ${platformId}: data at rest`,
        // Every pooled tenant runs here: losing the cluster or the database is losing all of them.
        deletionProtection: true,
        databaseName: POOL_DATABASE,
        masterUsername: POOL_ADMIN_USER,
        ...(args.vpcCidr !== undefined ? { vpcCidr: args.vpcCidr } : {}),
        ...(args.kubernetesVersion !== undefined ? { kubernetesVersion: args.kubernetesVersion } : {}),
        ...(args.availabilityZones ? { availabilityZones: args.availabilityZones } : {}),
        redisAuth: (res) => ({ kind: "users", userGroupId: redisUserGroup(name, args, res).userGroupId }),
      },
      this,
    );
    const { key, network, cluster, database, redis, bucket, dbPassword: adminPassword } = estate;

    this.outputs = {
      region: pulumi.output(args.region),
      vpcId: network.vpcId,
      vpcCidr: network.vpcCidr,
      clusterName: cluster.clusterName,
      kubeconfig: cluster.kubeconfig,
      oidcProviderArn: cluster.oidcProviderArn,
      oidcIssuer: cluster.oidcIssuer,
      bucketName: bucket.bucketName,
      bucketArn: bucket.bucketArn,
      kmsKeyArn: key.arn,
      objectLockEnabled: pulumi.output(profile.objectLock.enabled),
      databaseEndpoint: database.endpoint,
      databasePort: pulumi.output(POSTGRES_PORT),
      databaseName: pulumi.output(POOL_DATABASE),
      databaseAdminUrl: pulumi.secret(
        pulumi
          .all([database.endpoint, adminPassword.value])
          .apply(
            ([host, password]) =>
              `postgres://${POOL_ADMIN_USER}:${encodeURIComponent(password)}@${host}:${POSTGRES_PORT}/${POOL_DATABASE}?sslmode=require`,
          ),
      ),
      redisEndpoint: redis.primaryEndpoint,
      redisPort: pulumi.output(REDIS_PORT),
      redisUserGroupId: estate.redisAuth.userGroupId,
    };
    this.registerOutputs({ ...this.outputs });
  }
}

/**
 * The shared cache's users: RBAC needs a user named "default" in the group; it is switched off, so
 * only the tenants' own users (added by AwsTenantPool, each limited to its key prefix) can connect.
 */
function redisUserGroup(
  name: string,
  args: AwsPoolPlatformArgs,
  res: { parent: pulumi.Resource; provider: aws.Provider },
): aws.elasticache.UserGroup {
  const { platformId, placement } = args;
  const defaultPassword = new RandomSecret(`${name}-redis-default`, { bytes: 32 }, { parent: res.parent });
  const defaultUser = new aws.elasticache.User(
    `${name}-redis-default`,
    {
      userId: resourceName(platformId, "default", "awsElastiCacheReplicationGroup"),
      userName: "default",
      engine: "redis",
      accessString: "off -@all",
      authenticationMode: { type: "password", passwords: [defaultPassword.value] },
      region: args.region,
      tags: { ...placement.tags },
    },
    res,
  );
  return new aws.elasticache.UserGroup(
    `${name}-redis-users`,
    {
      userGroupId: resourceName(platformId, "users", "awsElastiCacheReplicationGroup"),
      engine: "redis",
      userIds: [defaultUser.userId],
      region: args.region,
      tags: { ...placement.tags },
    },
    // Tenants join through UserGroupAssociation: their ids must not read as drift here.
    { ...res, ignoreChanges: ["userIds"] },
  );
}

/** The outputs to export from the platform's stack (what tenant stacks read). */
export function awsPoolPlatformProgram(args: AwsPoolPlatformArgs): () => Promise<AwsPoolPlatformRef> {
  return async () => new AwsPoolPlatform(args.platformId, args).outputs;
}
