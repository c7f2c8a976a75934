// An enterprise tenant's own AWS estate: a three-zone VPC, an EKS cluster, Aurora PostgreSQL,
// ElastiCache for Redis and an S3 bucket, all encrypted with the tenant's own rotating KMS key and
// pinned to the tenant's region, plus the IRSA role its runtime uses. The runtime itself (namespace,
// Deployment, the connection Secret) is stacks/runtime's, fed by this component's outputs.
import * as pulumi from "@pulumi/pulumi";
import { tenantNames } from "../local/naming.ts";
import { resourceName } from "../shared/naming.ts";
import { RandomSecret } from "../shared/random-secret.ts";
import { tierSizing } from "../shared/sizing.ts";
import { type AwsTenantArgs, requireTier } from "./args.ts";
import { connectionData } from "./connection.ts";
import { POSTGRES_PORT } from "./database.ts";
import { awsEstate } from "./estate.ts";
import { irsaWorkloadIdentity, runtimeRole, type WorkloadIdentity } from "./irsa.ts";
import { REDIS_PORT } from "./redis.ts";

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
    const names = tenantNames(tenantId, args.tier);
    this.tenantId = tenantId;
    this.region = args.region;

    const estate = awsEstate(
      name,
      {
        id: tenantId,
        region: args.region,
        placement,
        profile,
        sizing: tierSizing(args.tier),
        keyDescription: `wspec tenant ${tenantId}: data at rest`,
        deletionProtection: profile.deletionProtection,
        databaseName: names.database,
        masterUsername: names.role,
        ...(args.vpcCidr !== undefined ? { vpcCidr: args.vpcCidr } : {}),
        ...(args.kubernetesVersion !== undefined ? { kubernetesVersion: args.kubernetesVersion } : {}),
        ...(args.availabilityZones ? { availabilityZones: args.availabilityZones } : {}),
        redisAuth: () => ({
          kind: "token",
          token: new RandomSecret(`${name}-redis-token`, { bytes: 32 }, { parent: this }).value,
        }),
      },
      this,
    );
    const { res, key, network, cluster, dbPassword, database, redis, bucket } = estate;
    const redisToken = estate.redisAuth.token;

    const role = runtimeRole(
      `${name}-runtime-role`,
      {
        placement,
        roleName: resourceName(tenantId, "runtime", "awsIamRole"),
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
          redisToken,
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
