// A pooled tenant's namespace in the shared cluster, isolated as the local target isolates it:
// restricted pod security, a quota and limit range sized by tier and the tenant's storage limit
// (stacks/local/quota.ts, shared so both targets give a tier the same room), and a default-deny
// network policy with DNS allowed. The runtime adds its own policies for what it must reach.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Tier } from "../../operator/api/constants.ts";
import type { ResolvedLimits } from "../../operator/api/defaults.ts";
import { POD_SECURITY_LEVEL } from "../local/local.ts";
import { limitRangeItems, resourceQuotaHard } from "../local/quota.ts";

export const TENANT_NAMESPACE_TYPE = "wspec:k8s:TenantNamespace";

export interface TenantNamespaceArgs {
  readonly namespace: string;
  readonly tenantId: string;
  readonly tier: Tier;
  readonly limits: ResolvedLimits;
  readonly admins: readonly string[];
  /** Labels on every object (GCP/Kubernetes-safe values). */
  readonly labels: Readonly<Record<string, string>>;
}

export class TenantNamespace extends pulumi.ComponentResource {
  public readonly namespace: pulumi.Output<string>;

  /** `opts.provider` (or `providers`) selects the cluster. */
  constructor(name: string, args: TenantNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TENANT_NAMESPACE_TYPE, name, {}, opts);
    const labels = {
      ...args.labels,
      "wspec.io/tenant": args.tenantId,
      "app.kubernetes.io/managed-by": "wspec",
    };
    const parent = { parent: this };
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
          annotations: { "wspec.io/admins": args.admins.join(",") },
        },
      },
      parent,
    );
    const namespace = ns.metadata.name;
    new k8s.core.v1.ResourceQuota(
      `${name}-quota`,
      {
        metadata: { name: "tenant-quota", namespace, labels },
        spec: { hard: resourceQuotaHard(args.tier, args.limits) },
      },
      parent,
    );
    new k8s.core.v1.LimitRange(
      `${name}-limits`,
      {
        metadata: { name: "tenant-limits", namespace, labels },
        spec: { limits: limitRangeItems(args.tier, args.limits) },
      },
      parent,
    );
    new k8s.networking.v1.NetworkPolicy(
      `${name}-default-deny`,
      {
        metadata: { name: "default-deny-all", namespace, labels },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
      },
      parent,
    );
    new k8s.networking.v1.NetworkPolicy(
      `${name}-allow-dns`,
      {
        metadata: { name: "allow-dns-egress", namespace, labels },
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
          ],
        },
      },
      parent,
    );
    this.namespace = namespace;
    this.registerOutputs({ namespace: this.namespace });
  }
}
