// An EKS cluster with a managed node group in private subnets, Kubernetes secrets encrypted with
// the given KMS key, every control-plane log type on, and an IAM OIDC provider so pods get AWS
// credentials through IRSA instead of the nodes' role.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { global, managedPolicyArn, named, type Placement, regional } from "./common.ts";

export const AWS_EKS_CLUSTER_TYPE = "wspec:aws:EksCluster";

/** All five: the audit and authenticator logs are what an incident review asks for first. */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export interface AwsEksClusterArgs {
  readonly placement: Placement;
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  readonly privateSubnetIds: pulumi.Input<string[]>;
  readonly kmsKeyArn: pulumi.Input<string>;
  /** false when the profile wants private networking only: the API is then reachable from the VPC alone. */
  readonly publicEndpoint: boolean;
  readonly deletionProtection: boolean;
  readonly nodeInstanceType: string;
  readonly nodes: { readonly min: number; readonly desired: number; readonly max: number };
  /** Role names; IAM names are global per account, so they carry the tenant's id. */
  readonly clusterRoleName: string;
  readonly nodeRoleName: string;
  readonly nodeGroupName: string;
}

export class AwsEksCluster extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  public readonly certificateAuthority: pulumi.Output<string>;
  /** The security group EKS puts on the control plane and managed nodes: what data stores admit. */
  public readonly clusterSecurityGroupId: pulumi.Output<string>;
  public readonly oidcProviderArn: pulumi.Output<string>;
  /** The issuer without https:// (the prefix of IRSA condition keys). */
  public readonly oidcIssuer: pulumi.Output<string>;
  /** A kubeconfig that authenticates with `aws eks get-token` (holds no credential). */
  public readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: AwsEksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AWS_EKS_CLUSTER_TYPE, name, {}, opts);
    const { placement } = args;
    const { region } = placement;
    const parent = { parent: this };
    if (
      !(args.nodes.min <= args.nodes.desired && args.nodes.desired <= args.nodes.max && args.nodes.min >= 1)
    ) {
      throw new Error(`nodes ${JSON.stringify(args.nodes)} must satisfy 1 <= min <= desired <= max`);
    }

    const clusterRole = new aws.iam.Role(
      `${name}-cluster-role`,
      {
        name: args.clusterRoleName,
        assumeRolePolicy: servicePrincipalTrust("eks.amazonaws.com"),
        ...global(placement),
      },
      parent,
    );
    const clusterPolicy = new aws.iam.RolePolicyAttachment(
      `${name}-cluster-policy`,
      { role: clusterRole.name, policyArn: managedPolicyArn(region, "AmazonEKSClusterPolicy") },
      parent,
    );

    const cluster = new aws.eks.Cluster(
      `${name}-cluster`,
      {
        name: args.clusterName,
        version: args.kubernetesVersion,
        roleArn: clusterRole.arn,
        vpcConfig: {
          subnetIds: args.privateSubnetIds,
          endpointPrivateAccess: true,
          endpointPublicAccess: args.publicEndpoint,
        },
        encryptionConfig: { provider: { keyArn: args.kmsKeyArn }, resources: ["secrets"] },
        enabledClusterLogTypes: EKS_LOG_TYPES,
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
        deletionProtection: args.deletionProtection,
        ...regional(placement),
      },
      { parent: this, dependsOn: [clusterPolicy] },
    );

    const nodeRole = new aws.iam.Role(
      `${name}-node-role`,
      {
        name: args.nodeRoleName,
        assumeRolePolicy: servicePrincipalTrust("ec2.amazonaws.com"),
        ...global(placement),
      },
      parent,
    );
    const nodePolicies = [
      "AmazonEKSWorkerNodePolicy",
      "AmazonEKS_CNI_Policy",
      "AmazonEC2ContainerRegistryReadOnly",
    ].map(
      (policy) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-node-${policy}`,
          { role: nodeRole.name, policyArn: managedPolicyArn(region, policy) },
          parent,
        ),
    );
    new aws.eks.NodeGroup(
      `${name}-nodes`,
      {
        clusterName: cluster.name,
        nodeGroupName: args.nodeGroupName,
        nodeRoleArn: nodeRole.arn,
        subnetIds: args.privateSubnetIds,
        instanceTypes: [args.nodeInstanceType],
        scalingConfig: { minSize: args.nodes.min, desiredSize: args.nodes.desired, maxSize: args.nodes.max },
        updateConfig: { maxUnavailable: 1 },
        ...named(placement, args.nodeGroupName),
      },
      { parent: this, dependsOn: nodePolicies, ignoreChanges: ["scalingConfig.desiredSize"] },
    );

    const issuerUrl = cluster.identities.apply((ids) => {
      const issuer = ids?.[0]?.oidcs?.[0]?.issuer;
      if (!issuer) throw new Error(`EKS cluster ${args.clusterName} reported no OIDC issuer`);
      return issuer;
    });
    const oidc = new aws.iam.OpenIdConnectProvider(
      `${name}-oidc`,
      { url: issuerUrl, clientIdLists: ["sts.amazonaws.com"], ...global(placement) },
      parent,
    );

    this.clusterName = cluster.name;
    this.endpoint = cluster.endpoint;
    this.certificateAuthority = cluster.certificateAuthority.apply((ca) => ca?.data ?? "");
    this.clusterSecurityGroupId = cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId);
    this.oidcProviderArn = oidc.arn;
    this.oidcIssuer = issuerUrl.apply((u) => u.replace(/^https:\/\//, ""));
    this.kubeconfig = pulumi
      .all([cluster.name, cluster.endpoint, this.certificateAuthority])
      .apply(([clusterName, endpoint, ca]) => eksKubeconfig(clusterName, endpoint, ca, region));
    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      clusterSecurityGroupId: this.clusterSecurityGroupId,
      oidcProviderArn: this.oidcProviderArn,
      oidcIssuer: this.oidcIssuer,
      kubeconfig: this.kubeconfig,
    });
  }
}

/** A trust policy letting an AWS service assume the role. */
export function servicePrincipalTrust(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}

/** A kubeconfig whose user runs `aws eks get-token`: credentials come from whoever runs it. */
export function eksKubeconfig(clusterName: string, endpoint: string, caData: string, region: string): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: clusterName, cluster: { server: endpoint, "certificate-authority-data": caData } }],
    contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
    "current-context": clusterName,
    users: [
      {
        name: clusterName,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", clusterName, "--region", region, "--output", "json"],
          },
        },
      },
    ],
  });
}
