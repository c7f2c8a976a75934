// ElastiCache for Redis in private subnets: encrypted at rest with the given KMS key and in transit
// (TLS required), and never without authentication: an AUTH token for a silo's own cache, or RBAC
// users (one per pooled tenant, limited to its key prefix) for the shared one.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type Placement, regional } from "./common.ts";
import { clusterOnlySecurityGroup } from "./network.ts";

export const AWS_REDIS_TYPE = "wspec:aws:Redis";
export const REDIS_PORT = 6379;
export const REDIS_ENGINE_VERSION = "7.1";

export type RedisAuth =
  /** One AUTH token for the cache's only client (a silo's runtime). */
  | { readonly kind: "token"; readonly token: pulumi.Input<string> }
  /** RBAC: the group must hold a user named "default" (see defaultRedisUser); tenants join later. */
  | { readonly kind: "users"; readonly userGroupId: pulumi.Input<string> };

export interface AwsRedisArgs {
  readonly placement: Placement;
  /** ≤ 40 characters (NAME_RULES.awsElastiCacheReplicationGroup). */
  readonly replicationGroupId: string;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<string[]>;
  readonly clientSecurityGroupIds: pulumi.Input<string>[];
  readonly nodeType: string;
  /** Replicas besides the primary; ≥ 1 turns on automatic failover across zones. */
  readonly replicas: number;
  readonly snapshotRetentionDays: number;
  readonly auth: RedisAuth;
}

export class AwsRedis extends pulumi.ComponentResource {
  public readonly primaryEndpoint: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;

  constructor(name: string, args: AwsRedisArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AWS_REDIS_TYPE, name, {}, opts);
    const { placement } = args;
    const parent = { parent: this };
    if (!Number.isInteger(args.replicas) || args.replicas < 0 || args.replicas > 5) {
      throw new Error(`replicas ${args.replicas} must be an integer from 0 to 5`);
    }
    const subnets = new aws.elasticache.SubnetGroup(
      `${name}-subnets`,
      { name: args.replicationGroupId, subnetIds: args.subnetIds, ...regional(placement) },
      parent,
    );
    const sg = clusterOnlySecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        port: REDIS_PORT,
        clientSecurityGroupIds: args.clientSecurityGroupIds,
        description: `Redis from the cluster's pods only (${args.replicationGroupId})`,
        nameTag: `${args.replicationGroupId}-redis`,
      },
      placement,
      parent,
    );
    const ha = args.replicas > 0;
    const group = new aws.elasticache.ReplicationGroup(
      `${name}-group`,
      {
        replicationGroupId: args.replicationGroupId,
        description: `wspec ${args.replicationGroupId}`,
        engine: "redis",
        engineVersion: REDIS_ENGINE_VERSION,
        nodeType: args.nodeType,
        port: REDIS_PORT,
        numCacheClusters: 1 + args.replicas,
        automaticFailoverEnabled: ha,
        multiAzEnabled: ha,
        atRestEncryptionEnabled: true,
        kmsKeyId: args.kmsKeyArn,
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        ...(args.auth.kind === "token"
          ? { authToken: pulumi.secret(args.auth.token) }
          : { userGroupIds: [args.auth.userGroupId] }),
        subnetGroupName: subnets.name,
        securityGroupIds: [sg.id],
        snapshotRetentionLimit: args.snapshotRetentionDays,
        autoMinorVersionUpgrade: true,
        ...regional(placement),
      },
      parent,
    );
    this.primaryEndpoint = group.primaryEndpointAddress;
    this.port = pulumi.output(REDIS_PORT);
    this.registerOutputs({ primaryEndpoint: this.primaryEndpoint, port: this.port });
  }
}
