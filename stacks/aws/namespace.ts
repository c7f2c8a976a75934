// A pooled tenant's namespace in the shared cluster, isolated as the local target isolates it:
// restricted pod security, a quota and limit range sized by tier and the tenant's storage limit
// (stacks/local/quota.ts, shared so both targets give a tier the same room), and a default-deny
// network policy with DNS allowed. The runtime adds its own policies for what it must reach.
import * as pulumi from "@pulumi/pulumi";
import type { Tier } from "../../crds/constants.ts";
import type { ResolvedLimits } from "../../crds/defaults.ts";
import { tenantNamespaceObjects } from "../shared/tenant-namespace.ts";

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
    this.namespace = tenantNamespaceObjects(
      name,
      {
        namespace: args.namespace,
        tenantId: args.tenantId,
        tier: args.tier,
        limits: args.limits,
        labels: args.labels,
        admins: args.admins,
      },
      { parent: this },
    );
    this.registerOutputs({ namespace: this.namespace });
  }
}
