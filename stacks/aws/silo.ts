// An enterprise tenant's own AWS estate: a three-zone VPC, an EKS cluster, Aurora PostgreSQL,
// ElastiCache for Redis and an S3 bucket, all encrypted with the tenant's own rotating KMS key and
// pinned to the tenant's region, plus the IRSA role its runtime uses. The runtime itself (namespace,
// Deployment, the connection Secret) is stacks/runtime's, fed by this component's outputs.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tenantNames } from "../local/naming.ts";
import { resourceName } from "../shared/naming.ts";
import { RandomSecret } from "../shared/random-secret.ts";
import { tierSizing } from "../shared/sizing.ts";
import { type AwsTenantArgs, DEFAULT_KUBERNETES_VERSION, DEFAULT_VPC_CIDR, requireTier } from "./args.ts";
import { AwsSecureBucket } from "./bucket.ts";
import { AwsEksCluster } from "./cluster.ts";
import { connectionData } from "./connection.ts";
import { AwsAuroraPostgres, POSTGRES_PORT } from "./database.ts";
import { irsaWorkloadIdentity, runtimeRole, type WorkloadIdentity } from "./irsa.ts";
import { customerManagedKey } from "./kms.ts";
import { AwsNetwork } from "./network.ts";
import { AwsRedis, REDIS_PORT } from "./redis.ts";

export const AWS_TENANT_SILO_TYPE = "wspec:aws:TenantSilo";

export interface AwsTenantSiloArgs extends AwsTenantArgs {
  /** A /16 for the tenant's VPC. Default 10.0.0.0/16. */
  readonly vpcCidr?: string;
  readonly kubernetesVersion?: string;
  /** Three zone names; default the region's first three available. */
  readonly availabilityZones?: pulumi.Input<string[]>;
}

export class AwsTenantSilo extends pulumi.ComponentResource {
  public readonly tenantId: string;
  public readonly region: string;
  public readonly kmsKeyArn: pulumi.Output<string>;
  public readonly vpcId: pulumi.Output<string>;
  public readonly clusterName: pulumi.Output<string>;
  /** Authenticates with `aws eks get-token`; holds no credential. */
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;
  public readonly databaseEndpoint: pulumi.Output<string>;
  public readonly redisEndpoint: pulumi.Output<string>;
  /** Annotate the runtime's service account with `eks.amazonaws.com/role-arn: <this>`. */
  public readonly runtimeRoleArn: pulumi.Output<string>;
  /** The namespace the runtime should run in (stacks/runtime creates it in this cluster). */
  public readonly namespace: pulumi.Output<string>;
  public readonly serviceAccount: pulumi.Output<string>;
  /** For stacks/runtime's `workloadIdentity`: the IRSA annotation on the runtime's service account. */
  public readonly workloadIdentity: pulumi.Output<WorkloadIdentity>;
  /** The connection Secret's data (see connection.ts): a secret output. */
  public readonly connectionData: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: AwsTenantSiloArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AWS_TENANT_SILO_TYPE, name, {}, opts);
    requireTier(args, "silo");
    const { tenantId, profile, placement } = args;
    const sizing = tierSizing(args.tier);
    const names = tenantNames(tenantId, args.tier);
    const id = (suffix: string, rule: Parameters<typeof resourceName>[2]) =>
      resourceName(tenantId, suffix, rule);
    this.tenantId = tenantId;
    this.region = args.region;

    // Every AWS child goes through this provider: the tenant's region, never the ambient one.
    const provider = new aws.Provider(
      `${name}-aws`,
      { region: args.region as aws.Region, defaultTags: { tags: { ...placement.tags } } },
      { parent: this },
    );
    const res = { parent: this, provider };
    const comp = { parent: this, providers: [provider] };

    const key = customerManagedKey(
      `${name}-key`,
      { description: `wspec tenant ${tenantId}: data at rest`, aliasName: id("data", "awsKmsAlias") },
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
        deletionProtection: profile.deletionProtection,
        nodeInstanceType: sizing.aws.nodeInstanceType,
        nodes: sizing.nodes,
        clusterRoleName: id("eks-cluster", "awsIamRole"),
        nodeRoleName: id("eks-node", "awsIamRole"),
        nodeGroupName: id("nodes", "awsEksNodeGroup"),
      },
      comp,
    );

    const dbPassword = new RandomSecret(`${name}-db-password`, {}, { parent: this });
    const database = new AwsAuroraPostgres(
      `${name}-db`,
      {
        placement,
        clusterIdentifier: id("db", "awsRdsCluster"),
        databaseName: names.database,
        masterUsername: names.role,
        masterPassword: dbPassword.value,
        kmsKeyArn: key.arn,
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        clientSecurityGroupIds: [cluster.clusterSecurityGroupId],
        instanceClass: sizing.aws.dbInstanceClass,
        instanceCount: sizing.dbInstances,
        backupRetentionDays: profile.backupRetentionDays,
        pointInTimeRecovery: profile.pointInTimeRecovery,
        deletionProtection: profile.deletionProtection,
        tlsMinVersion: profile.tlsMinVersion,
        backupRoleName: id("backup", "awsIamRole"),
      },
      comp,
    );

    const redisToken = new RandomSecret(`${name}-redis-token`, { bytes: 32 }, { parent: this });
    const redis = new AwsRedis(
      `${name}-redis`,
      {
        placement,
        replicationGroupId: id("redis", "awsElastiCacheReplicationGroup"),
        kmsKeyArn: key.arn,
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        clientSecurityGroupIds: [cluster.clusterSecurityGroupId],
        nodeType: sizing.aws.redisNodeType,
        replicas: sizing.redisReplicas,
        snapshotRetentionDays: Math.min(profile.backupRetentionDays, 35),
        auth: { kind: "token", token: redisToken.value },
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

    const role = runtimeRole(
      `${name}-runtime-role`,
      {
        placement,
        roleName: id("runtime", "awsIamRole"),
        oidcProviderArn: cluster.oidcProviderArn,
        oidcIssuer: cluster.oidcIssuer,
        namespace: names.namespace,
        serviceAccount: args.runtimeServiceAccount,
        bucketArn: bucket.bucketArn,
        prefix: "",
        kmsKeyArn: key.arn,
      },
      res,
    );

    this.kmsKeyArn = key.arn;
    this.vpcId = network.vpcId;
    this.clusterName = cluster.clusterName;
    this.kubeconfig = cluster.kubeconfig;
    this.bucketName = bucket.bucketName;
    this.bucketArn = bucket.bucketArn;
    this.databaseEndpoint = database.endpoint;
    this.redisEndpoint = redis.primaryEndpoint;
    this.runtimeRoleArn = role.arn;
    this.workloadIdentity = irsaWorkloadIdentity(role.arn);
    this.namespace = pulumi.output(names.namespace);
    this.serviceAccount = pulumi.output(args.runtimeServiceAccount);
    this.connectionData = pulumi.secret(
      pulumi
        .all([
          database.endpoint,
          dbPassword.value,
          redis.primaryEndpoint,
          redisToken.value,
          bucket.bucketName,
          key.arn,
        ])
        .apply(([dbHost, dbPass, redisHost, token, bucketName, kmsKeyArn]) =>
          connectionData({
            tenantId,
            tier: args.tier,
            database: {
              host: dbHost,
              port: POSTGRES_PORT,
              name: names.database,
              schema: names.schema,
              user: names.role,
              password: dbPass,
            },
            redis: {
              host: redisHost,
              port: REDIS_PORT,
              user: "default",
              password: token,
              keyPrefix: names.keyPrefix,
            },
            storage: { bucket: bucketName, prefix: "", region: args.region, kmsKeyArn },
            limits: args.limits,
          }),
        ),
    );
    this.registerOutputs({
      kmsKeyArn: this.kmsKeyArn,
      vpcId: this.vpcId,
      clusterName: this.clusterName,
      kubeconfig: this.kubeconfig,
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      databaseEndpoint: this.databaseEndpoint,
      redisEndpoint: this.redisEndpoint,
      runtimeRoleArn: this.runtimeRoleArn,
      workloadIdentity: this.workloadIdentity,
      namespace: this.namespace,
      serviceAccount: this.serviceAccount,
      connectionData: this.connectionData,
    });
  }
}
