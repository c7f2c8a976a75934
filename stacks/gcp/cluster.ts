// GKE: a regional cluster with private nodes, workload identity, Dataplane V2 (enforces the
// tenant namespaces' NetworkPolicies), Kubernetes secrets encrypted with the tenant's KMS key, and
// one autoscaled node pool of shielded nodes that expose only the GKE metadata server to pods.
import * as container from "@pulumi/gcp/container/index.js";
import * as projects from "@pulumi/gcp/projects/index.js";
import * as serviceaccount from "@pulumi/gcp/serviceaccount/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { TierSizing } from "../shared/index.ts";
import { POD_RANGE, SERVICE_RANGE } from "./network.ts";

/**
 * What nodes may do in the project: write their own logs and metrics. Write-only roles, granted
 * to the node service account alone; tenant identities get no project role at all.
 */
export const NODE_PROJECT_ROLES = [
  "roles/logging.logWriter",
  "roles/monitoring.metricWriter",
  "roles/monitoring.viewer",
] as const;

export interface GkeClusterArgs {
  readonly project: string;
  readonly region: string;
  readonly clusterName: string;
  readonly nodeAccountId: string;
  readonly networkId: pulumi.Input<string>;
  readonly subnetworkId: pulumi.Input<string>;
  readonly masterCidr: string;
  /** A private control-plane endpoint: reachable from the VPC only. */
  readonly privateEndpoint: boolean;
  /** Encrypts Kubernetes secrets at the application layer. */
  readonly secretsKeyId: pulumi.Input<string>;
  readonly sizing: TierSizing;
  readonly deletionProtection: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export interface GkeCluster {
  readonly cluster: container.Cluster;
  readonly nodePool: container.NodePool;
  readonly workloadPool: string;
}

export function gkeCluster(
  name: string,
  args: GkeClusterArgs,
  opts: pulumi.CustomResourceOptions & { parent: pulumi.Resource },
): GkeCluster {
  const { project, region, sizing } = args;
  const nodeAccount = new serviceaccount.Account(
    `${name}-nodes`,
    { project, accountId: args.nodeAccountId, displayName: `GKE nodes of ${args.clusterName}` },
    { parent: opts.parent },
  );
  for (const role of NODE_PROJECT_ROLES) {
    new projects.IAMMember(
      `${name}-nodes-${role.split("/")[1]}`,
      { project, role, member: pulumi.interpolate`serviceAccount:${nodeAccount.email}` },
      { parent: opts.parent },
    );
  }
  const workloadPool = `${project}.svc.id.goog`;
  const cluster = new container.Cluster(
    name,
    {
      project,
      location: region,
      name: args.clusterName,
      network: args.networkId,
      subnetwork: args.subnetworkId,
      // The default pool cannot be configured as needed: replaced by the pool below.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      networkingMode: "VPC_NATIVE",
      ipAllocationPolicy: { clusterSecondaryRangeName: POD_RANGE, servicesSecondaryRangeName: SERVICE_RANGE },
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: args.privateEndpoint,
        masterIpv4CidrBlock: args.masterCidr,
      },
      masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: false },
      workloadIdentityConfig: { workloadPool },
      datapathProvider: "ADVANCED_DATAPATH",
      databaseEncryption: { state: "ENCRYPTED", keyName: args.secretsKeyId },
      enableShieldedNodes: true,
      enableLegacyAbac: false,
      releaseChannel: { channel: "REGULAR" },
      loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER"] },
      securityPostureConfig: { mode: "BASIC", vulnerabilityMode: "VULNERABILITY_BASIC" },
      deletionProtection: args.deletionProtection,
      resourceLabels: args.labels,
    },
    opts,
  );
  const nodePool = new container.NodePool(
    `${name}-pool`,
    {
      project,
      location: region,
      cluster: cluster.name,
      name: "workload",
      // Per zone: a regional pool spreads over the region's three zones.
      initialNodeCount: Math.max(1, Math.ceil(sizing.nodes.desired / 3)),
      autoscaling: { totalMinNodeCount: sizing.nodes.min, totalMaxNodeCount: sizing.nodes.max },
      management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: {
        machineType: sizing.gcp.nodeMachineType,
        serviceAccount: nodeAccount.email,
        oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
        workloadMetadataConfig: { mode: "GKE_METADATA" },
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        imageType: "COS_CONTAINERD",
        labels: args.labels,
        resourceLabels: args.labels,
        metadata: { "disable-legacy-endpoints": "true" },
      },
    },
    { parent: opts.parent },
  );
  return { cluster, nodePool, workloadPool };
}

/** A kubeconfig that authenticates with gke-gcloud-auth-plugin (no static credentials), as a secret. */
export function gkeKubeconfig(cluster: container.Cluster): pulumi.Output<string> {
  return pulumi.secret(
    pulumi
      .all([cluster.name, cluster.endpoint, cluster.masterAuth])
      .apply(([name, endpoint, auth]) =>
        [
          "apiVersion: v1",
          "kind: Config",
          "clusters:",
          `- name: ${name}`,
          "  cluster:",
          `    server: https://${endpoint}`,
          `    certificate-authority-data: ${auth.clusterCaCertificate ?? ""}`,
          "contexts:",
          `- name: ${name}`,
          "  context:",
          `    cluster: ${name}`,
          `    user: ${name}`,
          `current-context: ${name}`,
          "users:",
          `- name: ${name}`,
          "  user:",
          "    exec:",
          "      apiVersion: client.authentication.k8s.io/v1beta1",
          "      command: gke-gcloud-auth-plugin",
          "      provideClusterInfo: true",
          "",
        ].join("\n"),
      ),
  );
}
