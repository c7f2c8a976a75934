// The AWS estate a silo and the pool platform both stand on: a provider pinned to the region, a
// rotating KMS key, a three-zone VPC, EKS, Aurora PostgreSQL, ElastiCache and a document bucket,
// all under that key and hardened alike. The caller names the database, its login and how Redis
// authenticates; every child is `${name}-…` under `parent`, so the silo's and the platform's URNs
// are what they were when each declared these itself.
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { resourceName } from "../shared/naming.ts";
import type { StackProfile } from "../shared/profile.ts";
import { RandomSecret } from "../shared/random-secret.ts";
import type { TierSizing } from "../shared/sizing.ts";
import { DEFAULT_KUBERNETES_VERSION, DEFAULT_VPC_CIDR } from "./args.ts";
import { AwsSecureBucket } from "./bucket.ts";
import { AwsEksCluster } from "./cluster.ts";
import type { Placement } from "./common.ts";
import { AwsAuroraPostgres } from "./database.ts";
import { customerManagedKey } from "./kms.ts";
import { AwsNetwork } from "./network.ts";
import { AwsRedis, type RedisAuth } from "./redis.ts";

export interface AwsEstateArgs<A extends RedisAuth = RedisAuth> {
  /** The tenant or platform id the resources are named after. */
  readonly id: string;
  readonly region: string;
  readonly placement: Placement;
  readonly profile: StackProfile;
  readonly sizing: TierSizing;
  /** The KMS key's description. */
  readonly keyDescription: string;
  /** For the cluster and the database. */
  readonly deletionProtection: boolean;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly vpcCidr?: string;
  readonly kubernetesVersion?: string;
  readonly availabilityZones?: pulumi.Input<string[]>;
  /** Declared after the database and before the cache: how the cache authenticates. */
  readonly redisAuth: (res: AwsEstate["res"]) => A;
}

export interface AwsEstate<A extends RedisAuth = RedisAuth> {
  /** `{ parent, provider }` for the caller's own AWS resources. */
  readonly res: { parent: pulumi.Resource; provider: aws.Provider };
  readonly key: aws.kms.Key;
  readonly network: AwsNetwork;
  readonly cluster: AwsEksCluster;
  readonly dbPassword: RandomSecret;
  readonly database: AwsAuroraPostgres;
  readonly redis: AwsRedis;
  /** What `redisAuth` returned. */
  readonly redisAuth: A;
  readonly bucket: AwsSecureBucket;
}

export function awsEstate<A extends RedisAuth>(
  name: string,
  args: AwsEstateArgs<A>,
  parent: pulumi.ComponentResource,
): AwsEstate<A> {
  const { profile, placement, sizing } = args;
  const id = (suffix: string, rule: Parameters<typeof resourceName>[2]) =>
    resourceName(args.id, suffix, rule);

  // Every AWS child goes through this provider: the region given, never the ambient one.
  const provider = new aws.Provider(
    `${name}-aws`,
    { region: args.region as aws.Region, defaultTags: { tags: { ...placement.tags } } },
    { parent },
  );
  const res = { parent, provider };
  const comp = { parent, providers: [provider] };

  const key = customerManagedKey(
    `${name}-key`,
    { description: args.keyDescription, aliasName: id("data", "awsKmsAlias") },
    placement,
    res,
  );
  const clusterName = id("eks", "awsEksCluster");
  const network = new AwsNetwork(
    `${name}-network`,
    {
      placement,
      vpcCidr: args.vpcCidr ?? DEFAULT_VPC_CIDR,
      clusterName,
      ...(args.availabilityZones ? { availabilityZones: args.availabilityZones } : {}),
    },
    comp,
  );
  const cluster = new AwsEksCluster(
    `${name}-eks`,
    {
      placement,
      clusterName,
      kubernetesVersion: args.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
      privateSubnetIds: network.privateSubnetIds,
      kmsKeyArn: key.arn,
      publicEndpoint: !profile.privateOnly,
      deletionProtection: args.deletionProtection,
      nodeInstanceType: sizing.aws.nodeInstanceType,
      nodes: sizing.nodes,
      clusterRoleName: id("eks-cluster", "awsIamRole"),
      nodeRoleName: id("eks-node", "awsIamRole"),
      nodeGroupName: id("nodes", "awsEksNodeGroup"),
    },
    comp,
  );
  // The data stores: in the private subnets, reachable from the cluster's security group only.
  const inNetwork = {
    kmsKeyArn: key.arn,
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
    clientSecurityGroupIds: [cluster.clusterSecurityGroupId],
  };

  const dbPassword = new RandomSecret(`${name}-db-password`, {}, { parent });
  const database = new AwsAuroraPostgres(
    `${name}-db`,
    {
      placement,
      clusterIdentifier: id("db", "awsRdsCluster"),
      databaseName: args.databaseName,
      masterUsername: args.masterUsername,
      masterPassword: dbPassword.value,
      ...inNetwork,
      instanceClass: sizing.aws.dbInstanceClass,
      instanceCount: sizing.dbInstances,
      backupRetentionDays: profile.backupRetentionDays,
      pointInTimeRecovery: profile.pointInTimeRecovery,
      deletionProtection: args.deletionProtection,
      tlsMinVersion: profile.tlsMinVersion,
      backupRoleName: id("backup", "awsIamRole"),
    },
    comp,
  );

  const redisAuth = args.redisAuth(res);
  const redis = new AwsRedis(
    `${name}-redis`,
    {
      placement,
      replicationGroupId: id("redis", "awsElastiCacheReplicationGroup"),
      ...inNetwork,
      nodeType: sizing.aws.redisNodeType,
      replicas: sizing.redisReplicas,
      snapshotRetentionDays: Math.min(profile.backupRetentionDays, 35),
      auth: redisAuth,
    },
    comp,
  );

  const bucket = new AwsSecureBucket(
    `${name}-documents`,
    {
      placement,
      bucketName: id("documents", "awsS3Bucket"),
      kmsKeyArn: key.arn,
      objectLock: profile.objectLock,
      tlsMinVersion: profile.tlsMinVersion,
    },
    comp,
  );
  return { res, key, network, cluster, dbPassword, database, redis, redisAuth, bucket };
}
