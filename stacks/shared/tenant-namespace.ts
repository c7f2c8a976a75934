// A tenant's namespace and what isolates it, the same on every target: pod security "restricted",
// a quota and limit range from the tier and the tenant's limits (stacks/local/quota.ts), and a
// default-deny network policy with DNS egress allowed. The runtime adds its own policies for what
// it must reach.
//
// The objects are created with the caller's own options and names, so each target's URNs are
// what they were when it wrote these objects itself: tenants already in state are not replaced.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Tier } from "../local/naming.ts";
import { limitRangeItems, resourceQuotaHard, type TenantLimits } from "../local/quota.ts";

/** The service account the runtime runs as in a tenant namespace (workload identity binds it). */
export const RUNTIME_SERVICE_ACCOUNT = "wspec-runtime";

/** The pod security level every tenant namespace enforces: tenants run hardened pods only. */
export const POD_SECURITY_LEVEL = "restricted";

export interface TenantNamespaceObjectsArgs {
  readonly namespace: string;
  readonly tenantId: string;
  readonly tier: Tier;
  readonly limits: TenantLimits;
  /** Labels on every object (GCP/Kubernetes-safe values). */
  readonly labels: Readonly<Record<string, string>>;
  /** Recorded on the namespace as the `wspec.io/admins` annotation when given. */
  readonly admins?: readonly string[];
  /**
   * Don't wait for the quota's status: a cluster without a quota controller (the local control
   * plane) never fills it in. The quota is enforced at admission either way.
   */
  readonly skipQuotaAwait?: boolean;
  /**
   * Egress beyond DNS (the cloud's database, Redis, storage CIDRs). Given, even empty, the policy
   * is the pools' `allow-dns-and-data-egress`; absent, it is `allow-dns-egress` (the names each
   * target already has in its clusters and state).
   */
  readonly egressCidrs?: readonly string[];
}

/** Creates the namespace and what isolates it with `opts`; returns the namespace's name. */
export function tenantNamespaceObjects(
  name: string,
  args: TenantNamespaceObjectsArgs,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  const labels = {
    ...args.labels,
    "wspec.io/tenant": args.tenantId,
    "app.kubernetes.io/managed-by": "wspec",
  };
  const ns = new k8s.core.v1.Namespace(
    `${name}-namespace`,
    {
      metadata: {
        name: args.namespace,
        labels: {
          ...labels,
          "wspec.io/tier": args.tier,
          "pod-security.kubernetes.io/enforce": POD_SECURITY_LEVEL,
        },
        ...(args.admins ? { annotations: { "wspec.io/admins": args.admins.join(",") } } : {}),
      },
    },
    opts,
  );
  const namespace = ns.metadata.name;
  new k8s.core.v1.ResourceQuota(
    `${name}-quota`,
    {
      metadata: {
        name: "tenant-quota",
        namespace,
        labels,
        ...(args.skipQuotaAwait ? { annotations: { "pulumi.com/skipAwait": "true" } } : {}),
      },
      spec: { hard: resourceQuotaHard(args.tier, args.limits) },
    },
    opts,
  );
  new k8s.core.v1.LimitRange(
    `${name}-limits`,
    {
      metadata: { name: "tenant-limits", namespace, labels },
      spec: { limits: limitRangeItems(args.tier, args.limits) },
    },
    opts,
  );
  new k8s.networking.v1.NetworkPolicy(
    `${name}-default-deny`,
    {
      metadata: { name: "default-deny-all", namespace, labels },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
    opts,
  );
  const cidrs = args.egressCidrs ?? [];
  new k8s.networking.v1.NetworkPolicy(
    args.egressCidrs ? `${name}-allow-egress` : `${name}-allow-dns`,
    {
      metadata: {
        name: args.egressCidrs ? "allow-dns-and-data-egress" : "allow-dns-egress",
        namespace,
        labels,
      },
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }],
            ports: [
              { protocol: "UDP", port: 53 },
              { protocol: "TCP", port: 53 },
            ],
          },
          ...(cidrs.length > 0 ? [{ to: cidrs.map((cidr) => ({ ipBlock: { cidr } })) }] : []),
        ],
      },
    },
    opts,
  );
  return namespace;
}
