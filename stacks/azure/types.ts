// The outputs every Azure tenant component (silo or pool) exposes, so a program can treat them alike.
import type { CloudTenantOutputs } from "../shared/outputs.ts";

export type AzureTenantOutputs = CloudTenantOutputs;
