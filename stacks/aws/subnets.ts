// The address plan of a tenant VPC: three public /22 subnets (load balancers, NAT gateways) and
// three private /19 subnets (nodes, database, cache), one of each per availability zone, all inside
// a /16. Pure, so the plan is tested without Pulumi.

export const AZ_COUNT = 3;

export interface SubnetPlan {
  readonly public: readonly string[];
  readonly private: readonly string[];
}

const CIDR16 = /^(\d{1,3})\.(\d{1,3})\.0\.0\/16$/;

export function subnetPlan(vpcCidr: string): SubnetPlan {
  const m = CIDR16.exec(vpcCidr);
  const [a, b] = [Number(m?.[1]), Number(m?.[2])];
  if (!m || a > 255 || b > 255) {
    throw new Error(`vpcCidr "${vpcCidr}" must be a /16 network such as 10.20.0.0/16`);
  }
  const net = `${a}.${b}`;
  return {
    // 10.x.0.0/22, 10.x.4.0/22, 10.x.8.0/22: 1019 addresses each, plenty for NAT and ALB ENIs.
    public: [0, 4, 8].map((c) => `${net}.${c}.0/22`),
    // 10.x.32.0/19, 10.x.64.0/19, 10.x.96.0/19: 8187 addresses each, one per pod with the VPC CNI.
    private: [32, 64, 96].map((c) => `${net}.${c}.0/19`),
  };
}
