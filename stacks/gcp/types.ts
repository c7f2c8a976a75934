// The outputs every GCP tenant component (silo or pool) exposes, so a program can treat them alike.
import type * as pulumi from "@pulumi/pulumi";
import type { CloudTenantOutputs } from "../shared/outputs.ts";

export interface GcpTenantOutputs extends CloudTenantOutputs {
  readonly storage: pulumi.Output<{ bucket: string; project: string }>;
}
