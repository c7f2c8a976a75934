// Aurora PostgreSQL in private subnets: storage and Performance Insights encrypted with the given
// KMS key, backups kept for the profile's days, deletion protection, IAM database authentication,
// TLS forced at the profile's minimum version, and only the cluster's pods admitted. When the profile
// asks for point-in-time recovery, AWS Backup also keeps continuous backups in a vault under the
// same key, so the restore window survives even a deleted cluster.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { servicePrincipalTrust } from "./cluster.ts";
import { global, managedPolicyArn, type Placement, regional } from "./common.ts";
import { clusterOnlySecurityGroup } from "./network.ts";

export const AWS_AURORA_TYPE = "wspec:aws:AuroraPostgres";
export const POSTGRES_PORT = 5432;
export const AURORA_ENGINE_VERSION = "16.6";

export interface AwsAuroraPostgresArgs {
  readonly placement: Placement;
  readonly clusterIdentifier: string;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly masterPassword: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<string[]>;
  /** Security groups whose members may connect (the EKS cluster's). */
  readonly clientSecurityGroupIds: pulumi.Input<string>[];
  readonly instanceClass: string;
  readonly instanceCount: number;
  readonly backupRetentionDays: number;
  readonly pointInTimeRecovery: boolean;
  readonly deletionProtection: boolean;
  readonly tlsMinVersion: string;
  /** IAM role name for AWS Backup (global per account). */
  readonly backupRoleName: string;
  readonly engineVersion?: string;
}

export class AwsAuroraPostgres extends pulumi.ComponentResource {
  public readonly endpoint: pulumi.Output<string>;
  public readonly readerEndpoint: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;
  public readonly clusterArn: pulumi.Output<string>;
  public readonly clusterResourceId: pulumi.Output<string>;

  constructor(name: string, args: AwsAuroraPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AWS_AURORA_TYPE, name, {}, opts);
    const { placement } = args;
    const { region } = placement;
    const parent = { parent: this };
    if (
      !Number.isInteger(args.backupRetentionDays) ||
      args.backupRetentionDays < 1 ||
      args.backupRetentionDays > 35
    ) {
      throw new Error(
        `backupRetentionDays ${args.backupRetentionDays} must be an integer from 1 to 35 (Aurora's range)`,
      );
    }
    if (!Number.isInteger(args.instanceCount) || args.instanceCount < 1 || args.instanceCount > 15) {
      throw new Error(`instanceCount ${args.instanceCount} must be an integer from 1 to 15`);
    }
    const engineVersion = args.engineVersion ?? AURORA_ENGINE_VERSION;
    const major = engineVersion.split(".")[0];

    const subnets = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      { name: args.clusterIdentifier, subnetIds: args.subnetIds, ...regional(placement) },
      parent,
    );
    const sg = clusterOnlySecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        port: POSTGRES_PORT,
        clientSecurityGroupIds: args.clientSecurityGroupIds,
        description: `PostgreSQL from the cluster's pods only (${args.clusterIdentifier})`,
        nameTag: `${args.clusterIdentifier}-db`,
      },
      placement,
      parent,
    );
    const params = new aws.rds.ClusterParameterGroup(
      `${name}-params`,
      {
        name: args.clusterIdentifier,
        family: `aurora-postgresql${major}`,
        description: "TLS only, at the profile's minimum version",
        parameters: [
          { name: "rds.force_ssl", value: "1" },
          { name: "ssl_min_protocol_version", value: `TLSv${args.tlsMinVersion}` },
          { name: "log_connections", value: "1" },
          { name: "log_disconnections", value: "1" },
        ],
        ...regional(placement),
      },
      parent,
    );
    const cluster = new aws.rds.Cluster(
      `${name}-cluster`,
      {
        clusterIdentifier: args.clusterIdentifier,
        engine: aws.rds.EngineType.AuroraPostgresql,
        engineVersion,
        databaseName: args.databaseName,
        masterUsername: args.masterUsername,
        masterPassword: pulumi.secret(args.masterPassword),
        port: POSTGRES_PORT,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [sg.id],
        dbClusterParameterGroupName: params.name,
        storageEncrypted: true,
        kmsKeyId: args.kmsKeyArn,
        backupRetentionPeriod: args.backupRetentionDays,
        preferredBackupWindow: "02:00-03:00",
        copyTagsToSnapshot: true,
        deletionProtection: args.deletionProtection,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: `${args.clusterIdentifier}-final`,
        iamDatabaseAuthenticationEnabled: true,
        enabledCloudwatchLogsExports: ["postgresql"],
        ...regional(placement),
      },
      parent,
    );
    const instances = Array.from(
      { length: args.instanceCount },
      (_, i) =>
        new aws.rds.ClusterInstance(
          `${name}-instance-${i}`,
          {
            identifier: `${args.clusterIdentifier.slice(0, 60).replace(/-+$/, "")}-${i}`,
            clusterIdentifier: cluster.id,
            engine: aws.rds.EngineType.AuroraPostgresql,
            engineVersion,
            instanceClass: args.instanceClass,
            publiclyAccessible: false,
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: args.kmsKeyArn,
            autoMinorVersionUpgrade: true,
            ...regional(placement),
          },
          parent,
        ),
    );

    if (args.pointInTimeRecovery) {
      const vault = new aws.backup.Vault(
        `${name}-vault`,
        { name: args.clusterIdentifier, kmsKeyArn: args.kmsKeyArn, ...regional(placement) },
        parent,
      );
      const plan = new aws.backup.Plan(
        `${name}-backup-plan`,
        {
          name: args.clusterIdentifier,
          rules: [
            {
              ruleName: "continuous",
              targetVaultName: vault.name,
              enableContinuousBackup: true,
              schedule: "cron(0 3 * * ? *)",
              lifecycle: { deleteAfter: args.backupRetentionDays },
            },
          ],
          ...regional(placement),
        },
        parent,
      );
      const role = new aws.iam.Role(
        `${name}-backup-role`,
        {
          name: args.backupRoleName,
          assumeRolePolicy: servicePrincipalTrust("backup.amazonaws.com"),
          ...global(placement),
        },
        parent,
      );
      const attached = [
        "service-role/AWSBackupServiceRolePolicyForBackup",
        "service-role/AWSBackupServiceRolePolicyForRestores",
      ].map(
        (policy, i) =>
          new aws.iam.RolePolicyAttachment(
            `${name}-backup-role-${i}`,
            { role: role.name, policyArn: managedPolicyArn(region, policy) },
            parent,
          ),
      );
      new aws.backup.Selection(
        `${name}-backup-selection`,
        {
          name: args.clusterIdentifier,
          planId: plan.id,
          iamRoleArn: role.arn,
          resources: [cluster.arn],
          region,
        },
        { parent: this, dependsOn: [...attached, ...instances] },
      );
    }

    this.endpoint = cluster.endpoint;
    this.readerEndpoint = cluster.readerEndpoint;
    this.port = cluster.port;
    this.clusterArn = cluster.arn;
    this.clusterResourceId = cluster.clusterResourceId;
    this.registerOutputs({
      endpoint: this.endpoint,
      readerEndpoint: this.readerEndpoint,
      port: this.port,
      clusterArn: this.clusterArn,
    });
  }
}
