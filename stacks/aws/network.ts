// A VPC over three availability zones: public subnets with an internet gateway, private subnets
// that reach out through a NAT gateway in their own zone (one zone's outage leaves the others
// their egress). Subnets carry the tags the AWS load balancer controller looks for.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { named, type Placement, regional } from "./common.ts";
import { AZ_COUNT, subnetPlan } from "./subnets.ts";

export const AWS_NETWORK_TYPE = "wspec:aws:Network";

export interface AwsNetworkArgs {
  readonly placement: Placement;
  /** A /16. */
  readonly vpcCidr: string;
  /** Three zone names; default: the region's first three available zones. */
  readonly availabilityZones?: pulumi.Input<string[]>;
  /** "per-az" (default): a NAT gateway per zone; "single": one, cheaper, one zone's egress. */
  readonly natGateways?: "per-az" | "single";
  /** Tag value for `kubernetes.io/cluster/<name>` so EKS finds the subnets. */
  readonly clusterName?: string;
}

export class AwsNetwork extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly vpcCidr: pulumi.Output<string>;
  public readonly publicSubnetIds: pulumi.Output<string[]>;
  public readonly privateSubnetIds: pulumi.Output<string[]>;

  constructor(name: string, args: AwsNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AWS_NETWORK_TYPE, name, {}, opts);
    const { placement } = args;
    const plan = subnetPlan(args.vpcCidr);
    const parent = { parent: this };
    const zones = pulumi
      .output(
        args.availabilityZones ??
          aws.getAvailabilityZonesOutput({ state: "available", region: placement.region }, parent).names,
      )
      .apply((names) => {
        if (names.length < AZ_COUNT) {
          throw new Error(
            `region ${placement.region} offers ${names.length} availability zones; a VPC needs ${AZ_COUNT}`,
          );
        }
        return names.slice(0, AZ_COUNT);
      });
    const clusterTag = args.clusterName ? { [`kubernetes.io/cluster/${args.clusterName}`]: "shared" } : {};

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: args.vpcCidr,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        ...named(placement, name),
      },
      parent,
    );
    const igw = new aws.ec2.InternetGateway(
      `${name}-igw`,
      { vpcId: vpc.id, ...named(placement, name) },
      parent,
    );
    const publicRoutes = new aws.ec2.RouteTable(
      `${name}-public`,
      {
        vpcId: vpc.id,
        routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
        ...named(placement, `${name}-public`),
      },
      parent,
    );

    /** One zone's subnet; `elbRole` tells Kubernetes which load balancers it may hold. */
    const zoneSubnet = (kind: "public" | "private", i: number, cidr: string, elbRole: string) =>
      new aws.ec2.Subnet(
        `${name}-${kind}-${i}`,
        {
          vpcId: vpc.id,
          cidrBlock: cidr,
          availabilityZone: zones[i] as pulumi.Output<string>,
          // Nothing is launched here that should get a public address by default.
          mapPublicIpOnLaunch: false,
          region: placement.region,
          tags: { ...placement.tags, ...clusterTag, Name: `${name}-${kind}-${i}`, [elbRole]: "1" },
        },
        parent,
      );
    const publicSubnets = plan.public.map((cidr, i) => {
      const subnet = zoneSubnet("public", i, cidr, "kubernetes.io/role/elb");
      new aws.ec2.RouteTableAssociation(
        `${name}-public-${i}`,
        { subnetId: subnet.id, routeTableId: publicRoutes.id, region: placement.region },
        parent,
      );
      return subnet;
    });

    const natCount = args.natGateways === "single" ? 1 : AZ_COUNT;
    const nats = publicSubnets.slice(0, natCount).map((subnet, i) => {
      const eip = new aws.ec2.Eip(
        `${name}-nat-${i}`,
        { domain: "vpc", ...named(placement, `${name}-nat-${i}`) },
        parent,
      );
      return new aws.ec2.NatGateway(
        `${name}-nat-${i}`,
        { allocationId: eip.id, subnetId: subnet.id, ...named(placement, `${name}-nat-${i}`) },
        { parent: this, dependsOn: [igw] },
      );
    });

    const privateRouteTables: aws.ec2.RouteTable[] = [];
    const privateSubnets = plan.private.map((cidr, i) => {
      const subnet = zoneSubnet("private", i, cidr, "kubernetes.io/role/internal-elb");
      const nat = nats[Math.min(i, nats.length - 1)] as aws.ec2.NatGateway;
      const routes = new aws.ec2.RouteTable(
        `${name}-private-${i}`,
        {
          vpcId: vpc.id,
          routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }],
          ...named(placement, `${name}-private-${i}`),
        },
        parent,
      );
      privateRouteTables.push(routes);
      new aws.ec2.RouteTableAssociation(
        `${name}-private-${i}`,
        { subnetId: subnet.id, routeTableId: routes.id, region: placement.region },
        parent,
      );
      return subnet;
    });

    // S3 through a gateway endpoint: document traffic stays on AWS's network and off the NAT bill.
    new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${placement.region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: privateRouteTables.map((r) => r.id),
        ...named(placement, `${name}-s3`),
      },
      parent,
    );

    // The default security group allows all traffic between its members: strip it of every rule
    // so nothing that forgets its own group gets that.
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      { vpcId: vpc.id, ingress: [], egress: [], ...regional(placement) },
      parent,
    );

    this.vpcId = vpc.id;
    this.vpcCidr = vpc.cidrBlock;
    this.publicSubnetIds = pulumi.all(publicSubnets.map((s) => s.id));
    this.privateSubnetIds = pulumi.all(privateSubnets.map((s) => s.id));
    this.registerOutputs({
      vpcId: this.vpcId,
      vpcCidr: this.vpcCidr,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
    });
  }
}

/** A security group that admits `port` from the cluster's security groups only and sends nothing. */
export function clusterOnlySecurityGroup(
  name: string,
  args: {
    readonly vpcId: pulumi.Input<string>;
    readonly port: number;
    readonly clientSecurityGroupIds: pulumi.Input<string>[];
    readonly description: string;
    readonly nameTag: string;
  },
  placement: Placement,
  opts: pulumi.CustomResourceOptions,
): aws.ec2.SecurityGroup {
  return new aws.ec2.SecurityGroup(
    name,
    {
      vpcId: args.vpcId,
      description: args.description,
      ingress: [
        {
          protocol: "tcp",
          fromPort: args.port,
          toPort: args.port,
          securityGroups: args.clientSecurityGroupIds,
          description: "EKS cluster security group",
        },
      ],
      egress: [],
      ...named(placement, args.nameTag),
    },
    opts,
  );
}
