// A pooled (professional, starter) tenant on the shared AWS platform: a namespace with quota,
// limit range and network policy in the shared cluster; its role and schema in the shared Aurora
// (the local target's PostgresTenant, pointed at Aurora); a Redis user limited to its key prefix;
// a prefix of the shared bucket with an IRSA role that reaches that prefix only; and its own KMS
// key when the profile asks for customer-managed keys.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { tenantNames } from "../local/naming.ts";
import { PostgresTenant, postgresTenantArgs } from "../local/postgres-tenant.ts";
import { aclRules } from "../local/redis-acl-user.ts";
import { resourceName } from "../shared/naming.ts";
import { RandomSecret } from "../shared/random-secret.ts";
import { labelValue } from "../shared/tags.ts";
import { type AwsTenantArgs, requireTier } from "./args.ts";
import { connectionData } from "./connection.ts";
import { irsaWorkloadIdentity, runtimeRole, type WorkloadIdentity } from "./irsa.ts";
import { customerManagedKey } from "./kms.ts";
import { TenantNamespace } from "./namespace.ts";
import {
  type AwsPoolPlatformOutputs,
  type AwsPoolPlatformRef,
  POOL_PLATFORM_OUTPUT_KEYS,
} from "./platform.ts";

export const AWS_TENANT_POOL_TYPE = "wspec:aws:TenantPool";

export interface AwsTenantPoolArgs extends AwsTenantArgs {
  /**
   * The platform: the name of its stack (`org/project/stack`, read through a StackReference), or
   * its outputs when both are built in one program.
   */
  readonly platform: string | AwsPoolPlatformRef;
}

/** Where a pooled tenant's objects live in the shared bucket. */
export const tenantPrefix = (tenantId: string) => `tenants/${tenantId}/`;

export class AwsTenantPool extends pulumi.ComponentResource {
  public readonly tenantId: string;
  public readonly region: string;
  /** The tenant's own key when the profile asks for customer-managed keys, else the platform's. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  public readonly ownKey: boolean;
  public readonly bucketName: pulumi.Output<string>;
  public readonly storagePrefix: string;
  public readonly namespace: pulumi.Output<string>;
  public readonly serviceAccount: pulumi.Output<string>;
  public readonly runtimeRoleArn: pulumi.Output<string>;
  /** The shared cluster's kubeconfig, for deploying the runtime into `namespace`. */
  public readonly kubeconfig: pulumi.Output<string>;
  /** For stacks/runtime's `workloadIdentity`: the IRSA annotation on the runtime's service account. */
  public readonly workloadIdentity: pulumi.Output<WorkloadIdentity>;
  /** The connection Secret's data (see connection.ts): a secret output. */
  public readonly connectionData: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: AwsTenantPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AWS_TENANT_POOL_TYPE, name, {}, opts);
    requireTier(args, "pool");
    const { tenantId, profile, placement } = args;
    const names = tenantNames(tenantId, args.tier);
    const prefix = tenantPrefix(tenantId);
    this.tenantId = tenantId;
    this.region = args.region;
    this.storagePrefix = prefix;

    const platform =
      typeof args.platform === "string"
        ? platformFromStack(`${name}-platform`, args.platform, this)
        : args.platform;
    // The platform must be where the tenant's data may live, and able to give what its profile asks.
    const checked = <T>(o: pulumi.Output<T>) =>
      pulumi.all([platform.region, platform.objectLockEnabled, o]).apply(([region, objectLockEnabled, v]) => {
        const problem = platformProblem({ region, objectLockEnabled }, args);
        if (problem) throw new Error(problem);
        return v;
      });

    const provider = new aws.Provider(
      `${name}-aws`,
      { region: args.region as aws.Region, defaultTags: { tags: { ...placement.tags } } },
      { parent: this },
    );
    const res = { parent: this, provider };

    this.ownKey = profile.customerManagedKeys;
    const keyArn = profile.customerManagedKeys
      ? customerManagedKey(
          `${name}-key`,
          {
            description: `wspec tenant ${tenantId}: documents at rest`,
            aliasName: resourceName(tenantId, "data", "awsKmsAlias"),
          },
          placement,
          res,
        ).arn
      : platform.kmsKeyArn;

    const cluster = new k8s.Provider(
      `${name}-cluster`,
      { kubeconfig: pulumi.secret(checked(platform.kubeconfig)), enableSecretMutable: true },
      { parent: this },
    );
    const ns = new TenantNamespace(
      `${name}-namespace`,
      {
        namespace: names.namespace,
        tenantId,
        tier: args.tier,
        limits: args.limits,
        admins: args.admins,
        labels: kubernetesLabels(placement.tags),
      },
      { parent: this, providers: [cluster] },
    );

    const pg = new PostgresTenant(
      `${name}-postgres`,
      postgresTenantArgs(checked(platform.databaseAdminUrl), args.tier, names),
      { parent: this },
    );

    const redisPassword = new RandomSecret(`${name}-redis-password`, { bytes: 32 }, { parent: this });
    const redisUser = new aws.elasticache.User(
      `${name}-redis-user`,
      {
        userId: resourceName(tenantId, "redis", "awsElastiCacheReplicationGroup"),
        userName: names.redisUser,
        engine: "redis",
        accessString: ["on", ...aclRules(names.keyPrefix)].join(" "),
        authenticationMode: { type: "password", passwords: [redisPassword.value] },
        region: args.region,
        tags: { ...placement.tags },
      },
      res,
    );
    new aws.elasticache.UserGroupAssociation(
      `${name}-redis-membership`,
      { userGroupId: checked(platform.redisUserGroupId), userId: redisUser.userId, region: args.region },
      res,
    );

    const role = runtimeRole(
      `${name}-runtime-role`,
      {
        placement,
        roleName: resourceName(tenantId, "runtime", "awsIamRole"),
        oidcProviderArn: platform.oidcProviderArn,
        oidcIssuer: platform.oidcIssuer,
        namespace: ns.namespace,
        serviceAccount: args.runtimeServiceAccount,
        bucketArn: checked(platform.bucketArn),
        prefix,
        kmsKeyArn: keyArn,
      },
      res,
    );

    this.kmsKeyArn = pulumi.output(keyArn);
    this.bucketName = platform.bucketName;
    this.namespace = ns.namespace;
    this.serviceAccount = pulumi.output(args.runtimeServiceAccount);
    this.runtimeRoleArn = role.arn;
    this.workloadIdentity = irsaWorkloadIdentity(role.arn);
    this.kubeconfig = platform.kubeconfig;
    this.connectionData = pulumi.secret(
      pulumi
        .all([
          pulumi.all([platform.databaseEndpoint, platform.databasePort, pg.role, pg.password]),
          pulumi.all([platform.redisEndpoint, platform.redisPort, redisPassword.value]),
          pulumi.all([platform.bucketName, keyArn]),
        ])
        .apply(([[dbHost, dbPort, dbUser, dbPass], [redisHost, redisPort, redisPass], [bucket, kmsKeyArn]]) =>
          connectionData({
            tenantId,
            tier: args.tier,
            database: {
              host: dbHost,
              port: dbPort,
              name: names.database,
              schema: names.schema,
              user: dbUser,
              password: dbPass,
            },
            redis: {
              host: redisHost,
              port: redisPort,
              user: names.redisUser,
              password: redisPass,
              keyPrefix: names.keyPrefix,
            },
            storage: { bucket, prefix, region: args.region, kmsKeyArn },
            limits: args.limits,
          }),
        ),
    );
    this.registerOutputs({
      kmsKeyArn: this.kmsKeyArn,
      bucketName: this.bucketName,
      namespace: this.namespace,
      serviceAccount: this.serviceAccount,
      runtimeRoleArn: this.runtimeRoleArn,
      workloadIdentity: this.workloadIdentity,
      connectionData: this.connectionData,
    });
  }
}

/** Tags as Kubernetes label values: label-safe, and starting and ending with a letter or digit. */
export function kubernetesLabels(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags).map(([k, v]) => [k, labelValue(v).replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "")]),
  );
}

/** Why a tenant cannot be placed on a platform (region, object lock), or undefined. */
export function platformProblem(
  platform: Pick<AwsPoolPlatformOutputs, "region" | "objectLockEnabled">,
  tenant: Pick<AwsTenantArgs, "tenantId" | "region" | "profile">,
): string | undefined {
  if (platform.region !== tenant.region) {
    return `the pool platform is in ${platform.region}, but tenant ${tenant.tenantId} must stay in ${tenant.region}`;
  }
  if (tenant.profile.objectLock.enabled && !platform.objectLockEnabled) {
    return `tenant ${tenant.tenantId}'s profile needs object lock (${tenant.profile.frameworks.join(", ")}) and the pool platform's bucket has none: use a platform built with object lock, or the enterprise tier`;
  }
  return undefined;
}

/** The platform's outputs through a StackReference, one typed Output per key. */
export function platformFromStack(name: string, stack: string, parent: pulumi.Resource): AwsPoolPlatformRef {
  const ref = new pulumi.StackReference(name, { name: stack }, { parent });
  const out = Object.fromEntries(POOL_PLATFORM_OUTPUT_KEYS.map((k) => [k, ref.requireOutput(k)]));
  return out as unknown as { [K in keyof AwsPoolPlatformOutputs]: pulumi.Output<AwsPoolPlatformOutputs[K]> };
}
