// The private network an Azure silo or pool platform lives in: a VNet with a node subnet for AKS,
// a subnet delegated to PostgreSQL Flexible Server, and a subnet for private endpoints, plus the
// private DNS zones that make the data services resolve to their private addresses inside it.
import * as network from "@pulumi/azure-native/network/index.js";
import * as privatedns from "@pulumi/azure-native/privatedns/index.js";
import type * as pulumi from "@pulumi/pulumi";

/** A /16 the network is carved from: nodes x.y.0.0/20, PostgreSQL x.y.16.0/24, endpoints x.y.17.0/24. */
export const DEFAULT_ADDRESS_SPACE = "10.40.0.0/16";
const SLASH16 = /^(\d{1,3})\.(\d{1,3})\.0\.0\/16$/;

export interface SubnetPlan {
  readonly addressSpace: string;
  readonly nodes: string;
  readonly postgres: string;
  readonly endpoints: string;
}

export function subnetPlan(addressSpace: string): SubnetPlan {
  const m = SLASH16.exec(addressSpace);
  if (!m || Number(m[1]) > 255 || Number(m[2]) > 255) {
    throw new Error(
      `addressSpace "${addressSpace}" must be a /16 ending in .0.0/16 (like ${DEFAULT_ADDRESS_SPACE})`,
    );
  }
  const base = `${m[1]}.${m[2]}`;
  return {
    addressSpace,
    nodes: `${base}.0.0/20`,
    postgres: `${base}.16.0/24`,
    endpoints: `${base}.17.0/24`,
  };
}

/** The private DNS zones of the services reached through private endpoints. */
export const PRIVATE_ZONES = {
  blob: "privatelink.blob.core.windows.net",
  redis: "privatelink.redis.cache.windows.net",
  vault: "privatelink.vaultcore.azure.net",
} as const;
export type PrivateZoneKey = keyof typeof PRIVATE_ZONES;

export interface AzureNetworkArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly vnetName: string;
  /** The PostgreSQL zone must end in postgres.database.azure.com; one per server keeps them apart. */
  readonly postgresZoneName: string;
  readonly plan: SubnetPlan;
  readonly tags: Readonly<Record<string, string>>;
}

export interface AzureNetwork {
  readonly vnet: network.VirtualNetwork;
  readonly nodeSubnetId: pulumi.Output<string>;
  readonly postgresSubnetId: pulumi.Output<string>;
  readonly endpointSubnetId: pulumi.Output<string>;
  readonly postgresZoneId: pulumi.Output<string>;
  readonly zoneIds: Readonly<Record<PrivateZoneKey, pulumi.Output<string>>>;
}

export function azureNetwork(
  name: string,
  args: AzureNetworkArgs,
  opts: { parent: pulumi.Resource },
): AzureNetwork {
  const { resourceGroupName, location, tags, plan } = args;
  const vnet = new network.VirtualNetwork(
    `${name}-vnet`,
    {
      resourceGroupName,
      location,
      virtualNetworkName: args.vnetName,
      addressSpace: { addressPrefixes: [plan.addressSpace] },
      tags,
    },
    opts,
  );
  // Subnets one after another: Azure rejects concurrent changes to one VNet. None reaches the
  // internet through Azure's implicit SNAT (nodes go out through the cluster's load balancer only).
  const subnet = (
    key: string,
    subnetName: string,
    addressPrefix: string,
    extra: Partial<network.SubnetArgs>,
    after?: network.Subnet,
  ) =>
    new network.Subnet(
      `${name}-${key}`,
      {
        resourceGroupName,
        virtualNetworkName: vnet.name,
        subnetName,
        addressPrefix,
        defaultOutboundAccess: false,
        ...extra,
      },
      after ? { ...opts, dependsOn: [after] } : opts,
    );
  const nodes = subnet("nodes", "aks-nodes", plan.nodes, {});
  const postgres = subnet(
    "postgres",
    "postgres",
    plan.postgres,
    {
      delegations: [{ name: "postgres-flexible", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }],
    },
    nodes,
  );
  const endpoints = subnet(
    "endpoints",
    "private-endpoints",
    plan.endpoints,
    { privateEndpointNetworkPolicies: "Enabled" },
    postgres,
  );

  const zone = (key: string, zoneName: string) => {
    const z = new privatedns.PrivateZone(
      `${name}-zone-${key}`,
      { resourceGroupName, location: "global", privateZoneName: zoneName, tags },
      opts,
    );
    new privatedns.VirtualNetworkLink(
      `${name}-zone-${key}-link`,
      {
        resourceGroupName,
        location: "global",
        privateZoneName: z.name,
        virtualNetwork: { id: vnet.id },
        registrationEnabled: false,
        tags,
      },
      opts,
    );
    return z.id;
  };

  return {
    vnet,
    nodeSubnetId: nodes.id,
    postgresSubnetId: postgres.id,
    endpointSubnetId: endpoints.id,
    postgresZoneId: zone("postgres", args.postgresZoneName),
    zoneIds: {
      blob: zone("blob", PRIVATE_ZONES.blob),
      redis: zone("redis", PRIVATE_ZONES.redis),
      vault: zone("vault", PRIVATE_ZONES.vault),
    },
  };
}

export interface PrivateEndpointArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly subnetId: pulumi.Input<string>;
  /** The resource reached privately (a storage account, a cache, a vault). */
  readonly targetId: pulumi.Input<string>;
  /** Its sub-resource: blob, redisCache, vault. */
  readonly groupId: string;
  readonly zoneId: pulumi.Input<string>;
  readonly tags: Readonly<Record<string, string>>;
}

/** A private endpoint with its DNS record in the zone, so the service's name resolves privately. */
export function privateEndpoint(
  name: string,
  args: PrivateEndpointArgs,
  opts: { parent: pulumi.Resource },
): network.PrivateEndpoint {
  const pe = new network.PrivateEndpoint(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      subnet: { id: args.subnetId },
      privateLinkServiceConnections: [
        { name: args.groupId, privateLinkServiceId: args.targetId, groupIds: [args.groupId] },
      ],
      tags: args.tags,
    },
    opts,
  );
  new network.PrivateDnsZoneGroup(
    `${name}-dns`,
    {
      resourceGroupName: args.resourceGroupName,
      privateEndpointName: pe.name,
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [{ name: args.groupId, privateDnsZoneId: args.zoneId }],
    },
    opts,
  );
  return pe;
}
