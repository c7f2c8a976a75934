// The outputs every Azure tenant component (silo or pool) exposes, so a program can treat them alike.
import type * as pulumi from "@pulumi/pulumi";
import type { Tier } from "../../crds/constants.ts";
import type { DatabaseOutput, WorkloadIdentity } from "../shared/outputs.ts";

export interface AzureTenantOutputs {
  readonly tenantId: string;
  readonly tier: Tier;
  readonly region: string;
  readonly namespace: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly database: pulumi.Output<DatabaseOutput>;
  readonly workloadIdentity: pulumi.Output<WorkloadIdentity>;
  readonly connection: pulumi.Output<Record<string, string>>;
}
