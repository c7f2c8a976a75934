// The private network a GCP silo or pool platform lives in: a custom-mode VPC with one regional
// subnet (private Google access, flow logs, secondary ranges for GKE pods and services), Cloud NAT
// for egress from nodes without public addresses, and private services access so Cloud SQL and
// Memorystore get addresses inside the VPC instead of public ones.
import * as compute from "@pulumi/gcp/compute/index.js";
import * as servicenetworking from "@pulumi/gcp/servicenetworking/index.js";
import type * as pulumi from "@pulumi/pulumi";

/** A /16 the network is carved from. */
export const DEFAULT_GCP_ADDRESS_SPACE = "10.50.0.0/16";
const SLASH16 = /^(\d{1,3})\.(\d{1,3})\.0\.0\/16$/;

export interface GcpSubnetPlan {
  readonly addressSpace: string;
  /** Nodes: x.y.0.0/20. */
  readonly nodes: string;
  /** GKE services: x.y.16.0/20. */
  readonly services: string;
  /** GKE pods: x.y.64.0/18 (a /24 per node: 64 nodes). */
  readonly pods: string;
  /** Private services access (Cloud SQL, Memorystore): x.y.128.0/17. */
  readonly privateServices: { readonly address: string; readonly prefixLength: number };
  /** The GKE control plane's peered range (outside the /16, a /28 as GKE requires). */
  readonly master: string;
}

export function gcpSubnetPlan(addressSpace: string): GcpSubnetPlan {
  const m = SLASH16.exec(addressSpace);
  if (!m || Number(m[1]) > 255 || Number(m[2]) > 255) {
    throw new Error(
      `addressSpace "${addressSpace}" must be a /16 ending in .0.0/16 (like ${DEFAULT_GCP_ADDRESS_SPACE})`,
    );
  }
  const base = `${m[1]}.${m[2]}`;
  return {
    addressSpace,
    nodes: `${base}.0.0/20`,
    services: `${base}.16.0/20`,
    pods: `${base}.64.0/18`,
    privateServices: { address: `${base}.128.0`, prefixLength: 17 },
    master: "172.16.0.16/28",
  };
}

export interface GcpNetworkArgs {
  readonly project: string;
  readonly region: string;
  readonly networkName: string;
  readonly plan: GcpSubnetPlan;
  readonly labels: Readonly<Record<string, string>>;
}

export interface GcpNetwork {
  readonly network: compute.Network;
  readonly subnetwork: compute.Subnetwork;
  /** Cloud SQL and Memorystore wait for it: their private addresses come from the peering. */
  readonly privateServices: servicenetworking.Connection;
}

export const POD_RANGE = "pods";
export const SERVICE_RANGE = "services";

export function gcpNetwork(
  name: string,
  args: GcpNetworkArgs,
  opts: { parent: pulumi.Resource },
): GcpNetwork {
  const { project, region, plan } = args;
  const network = new compute.Network(
    `${name}-vpc`,
    { project, name: args.networkName, autoCreateSubnetworks: false, routingMode: "REGIONAL" },
    opts,
  );
  const subnetwork = new compute.Subnetwork(
    `${name}-subnet`,
    {
      project,
      region,
      name: `${args.networkName}-${region}`,
      network: network.id,
      ipCidrRange: plan.nodes,
      // Nodes without public addresses still reach Google APIs (GCS, KMS, Artifact Registry).
      privateIpGoogleAccess: true,
      secondaryIpRanges: [
        { rangeName: POD_RANGE, ipCidrRange: plan.pods },
        { rangeName: SERVICE_RANGE, ipCidrRange: plan.services },
      ],
      logConfig: {
        aggregationInterval: "INTERVAL_5_SEC",
        flowSampling: 0.5,
        metadata: "INCLUDE_ALL_METADATA",
      },
    },
    opts,
  );
  const router = new compute.Router(
    `${name}-router`,
    { project, region, name: `${args.networkName}-router`, network: network.id },
    opts,
  );
  new compute.RouterNat(
    `${name}-nat`,
    {
      project,
      region,
      name: `${args.networkName}-nat`,
      router: router.name,
      natIpAllocateOption: "AUTO_ONLY",
      sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
      subnetworks: [{ name: subnetwork.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
      logConfig: { enable: true, filter: "ERRORS_ONLY" },
    },
    opts,
  );
  const range = new compute.GlobalAddress(
    `${name}-private-services`,
    {
      project,
      name: `${args.networkName}-psa`,
      purpose: "VPC_PEERING",
      addressType: "INTERNAL",
      address: plan.privateServices.address,
      prefixLength: plan.privateServices.prefixLength,
      network: network.id,
      labels: args.labels,
    },
    opts,
  );
  const privateServices = new servicenetworking.Connection(
    `${name}-private-services-peering`,
    { network: network.id, service: "servicenetworking.googleapis.com", reservedPeeringRanges: [range.name] },
    opts,
  );
  return { network, subnetwork, privateServices };
}
