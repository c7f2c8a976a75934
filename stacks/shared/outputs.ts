// What every cloud tenant component (silo or pool, Azure or GCP) exposes beside its own outputs,
// so a program can treat them alike.
import type * as pulumi from "@pulumi/pulumi";
import type { Tier } from "../../crds/constants.ts";

/** How the runtime's Kubernetes service account gets the tenant's cloud identity. */
export interface WorkloadIdentity {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** Put on the service account. */
  readonly annotations: Readonly<Record<string, string>>;
  /** Put on the runtime's pods (empty where the cloud needs none). */
  readonly podLabels: Readonly<Record<string, string>>;
}

export interface DatabaseOutput {
  readonly host: string;
  readonly port: number;
  readonly name: string;
  readonly schema: string;
  readonly user: string;
}

/** The outputs every Azure or GCP tenant component (silo or pool) has. */
export interface CloudTenantOutputs {
  readonly tenantId: string;
  readonly tier: Tier;
  readonly region: string;
  readonly namespace: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly database: pulumi.Output<DatabaseOutput>;
  readonly workloadIdentity: pulumi.Output<WorkloadIdentity>;
  /** The runtime's connection Secret data (locationFromSecret keys): a secret output. */
  readonly connection: pulumi.Output<Record<string, string>>;
}
