// A pooled tenant's namespace in the pool's shared cluster, isolated as stacks/local isolates it
// on the local cluster: pod security "restricted", a quota and limit range from the tier's shape
// (stacks/local/quota.ts), and default-deny network policy with DNS egress only. Cloud-neutral:
// the Azure and GCP pools both call it with a provider for their cluster.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { POD_SECURITY_LEVEL } from "../local/local.ts";
import type { Tier } from "../local/naming.ts";
import { limitRangeItems, resourceQuotaHard, type TenantLimits } from "../local/quota.ts";

/** The service account the runtime runs as in a tenant namespace (workload identity binds it). */
export const RUNTIME_SERVICE_ACCOUNT = "wspec-runtime";

export interface TenantNamespaceArgs {
  readonly namespace: string;
  readonly tenantId: string;
  readonly tier: Tier;
  readonly limits: TenantLimits;
  readonly labels: Readonly<Record<string, string>>;
  /** Extra egress the runtime needs beyond DNS (the cloud's database, Redis, storage CIDRs). */
  readonly egressCidrs: readonly string[];
}

/** Creates the namespace and what isolates it under `parent`; returns the namespace's name. */
export function tenantNamespace(
  name: string,
  args: TenantNamespaceArgs,
  opts: { parent: pulumi.Resource; provider: k8s.Provider },
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
      },
    },
    opts,
  );
  const namespace = ns.metadata.name;
  new k8s.core.v1.ResourceQuota(
    `${name}-quota`,
    {
      metadata: { name: "tenant-quota", namespace, labels },
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
  new k8s.networking.v1.NetworkPolicy(
    `${name}-allow-egress`,
    {
      metadata: { name: "allow-dns-and-data-egress", namespace, labels },
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
          ...(args.egressCidrs.length > 0
            ? [{ to: args.egressCidrs.map((cidr) => ({ ipBlock: { cidr } })) }]
            : []),
        ],
      },
    },
    opts,
  );
  return namespace;
}
