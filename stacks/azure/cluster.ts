// AKS with a system node pool in the VNet, Entra ID-only access (no local accounts), the OIDC
// issuer and workload identity (pods get Azure tokens for their own managed identity, no secrets),
// and a network policy engine so the tenant namespaces' NetworkPolicies are enforced.
import * as containerservice from "@pulumi/azure-native/containerservice/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { TierSizing } from "../shared/index.ts";

export interface AksClusterArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly clusterName: string;
  readonly nodeSubnetId: pulumi.Input<string>;
  readonly sizing: TierSizing;
  /** Spread nodes over the region's three zones (a silo) or not (a pool's cheaper tiers). */
  readonly zoneRedundant: boolean;
  /** A private API server: reachable from the VNet only. */
  readonly privateApiServer: boolean;
  /**
   * Encrypts Kubernetes secrets in etcd with a Key Vault key (KMS v2), through the cluster's
   * user-assigned identity, which must hold Key Vault Crypto User on the key and, for a vault
   * without public access, Key Vault Contributor on the vault (AKS links it privately).
   */
  readonly kms: {
    readonly identityId: pulumi.Input<string>;
    readonly keyVersionUri: pulumi.Input<string>;
    readonly vaultId: pulumi.Input<string>;
  };
  /** Container insights go here. */
  readonly logWorkspaceId: pulumi.Input<string>;
  readonly tags: Readonly<Record<string, string>>;
}

export function aksCluster(
  name: string,
  args: AksClusterArgs,
  opts: pulumi.CustomResourceOptions,
): containerservice.ManagedCluster {
  const { nodes, azure } = args.sizing;
  return new containerservice.ManagedCluster(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      resourceName: args.clusterName,
      dnsPrefix: args.clusterName,
      identity: { type: "UserAssigned", userAssignedIdentities: [args.kms.identityId] },
      sku: { name: "Base", tier: args.zoneRedundant ? "Standard" : "Free" },
      enableRBAC: true,
      disableLocalAccounts: true,
      aadProfile: { managed: true, enableAzureRBAC: true },
      oidcIssuerProfile: { enabled: true },
      securityProfile: {
        workloadIdentity: { enabled: true },
        imageCleaner: { enabled: true, intervalHours: 48 },
        azureKeyVaultKms: {
          enabled: true,
          // A versioned key: AKS KMS does not follow rotation by itself (a new version is an update).
          keyId: args.kms.keyVersionUri,
          keyVaultNetworkAccess: "Private",
          keyVaultResourceId: args.kms.vaultId,
        },
      },
      addonProfiles: {
        omsagent: {
          enabled: true,
          config: { logAnalyticsWorkspaceResourceID: args.logWorkspaceId, useAADAuth: "true" },
        },
      },
      autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" },
      apiServerAccessProfile: { enablePrivateCluster: args.privateApiServer },
      networkProfile: {
        networkPlugin: "azure",
        networkPluginMode: "overlay",
        networkDataplane: "cilium",
        networkPolicy: "cilium",
        podCidr: "192.168.0.0/16",
        serviceCidr: "172.16.0.0/16",
        dnsServiceIP: "172.16.0.10",
        loadBalancerSku: "standard",
        outboundType: "loadBalancer",
      },
      agentPoolProfiles: [
        {
          name: "system",
          mode: "System",
          type: "VirtualMachineScaleSets",
          osType: "Linux",
          osSKU: "AzureLinux",
          vmSize: azure.nodeVmSize,
          vnetSubnetID: args.nodeSubnetId,
          enableAutoScaling: true,
          count: nodes.desired,
          minCount: nodes.min,
          maxCount: nodes.max,
          enableNodePublicIP: false,
          ...(args.zoneRedundant ? { availabilityZones: ["1", "2", "3"] } : {}),
          tags: args.tags,
        },
      ],
      tags: args.tags,
    },
    opts,
  );
}

/** The kubeconfig for Entra ID users (exec plugin kubelogin), as a secret. */
export function aksKubeconfig(
  cluster: containerservice.ManagedCluster,
  resourceGroupName: pulumi.Input<string>,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  const creds = containerservice.listManagedClusterUserCredentialsOutput(
    { resourceGroupName, resourceName: cluster.name, format: "exec" },
    { parent },
  );
  return pulumi.secret(
    creds.kubeconfigs.apply((k) => {
      const value = k[0]?.value;
      if (!value) throw new Error(`AKS cluster returned no kubeconfig`);
      return Buffer.from(value, "base64").toString("utf8");
    }),
  );
}

/** The cluster's OIDC issuer, which federated identity credentials trust. */
export function oidcIssuer(cluster: containerservice.ManagedCluster): pulumi.Output<string> {
  return cluster.oidcIssuerProfile.apply((p) => {
    if (!p?.issuerURL)
      throw new Error("AKS cluster has no OIDC issuer URL (oidcIssuerProfile.enabled must be true)");
    return p.issuerURL;
  });
}
