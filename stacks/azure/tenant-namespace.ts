// A pooled tenant's namespace in the pool's shared cluster, isolated as stacks/local isolates it
// on the local cluster: pod security "restricted", a quota and limit range from the tier's shape
// (stacks/local/quota.ts), and default-deny network policy with DNS egress only. Cloud-neutral:
// the Azure and GCP pools both call it with a provider for their cluster.
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Tier } from "../local/naming.ts";
import type { TenantLimits } from "../local/quota.ts";
import { tenantNamespaceObjects } from "../shared/tenant-namespace.ts";

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
  return tenantNamespaceObjects(
    name,
    {
      namespace: args.namespace,
      tenantId: args.tenantId,
      tier: args.tier,
      limits: args.limits,
      labels: args.labels,
      egressCidrs: args.egressCidrs,
    },
    opts,
  );
}
