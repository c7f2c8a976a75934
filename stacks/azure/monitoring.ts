// Audit trails to a Log Analytics workspace in the tenant's region: AKS control-plane audit logs
// and container insights, PostgreSQL, Key Vault and blob access logs, kept for the profile's
// audit retention (within the workspace's limits).
import * as monitor from "@pulumi/azure-native/monitor/index.js";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights/index.js";
import type * as pulumi from "@pulumi/pulumi";

/** Log Analytics keeps interactive data 30-730 days. */
export const WORKSPACE_RETENTION = { min: 30, max: 730 } as const;

export function workspaceRetention(auditDays: number): number {
  return Math.min(WORKSPACE_RETENTION.max, Math.max(WORKSPACE_RETENTION.min, auditDays));
}

export interface LogWorkspaceArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly workspaceName: string;
  readonly retentionDays: number;
  readonly tags: Readonly<Record<string, string>>;
}

export function logWorkspace(
  name: string,
  args: LogWorkspaceArgs,
  opts: pulumi.CustomResourceOptions,
): operationalinsights.Workspace {
  return new operationalinsights.Workspace(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      workspaceName: args.workspaceName,
      sku: { name: "PerGB2018" },
      retentionInDays: workspaceRetention(args.retentionDays),
      tags: args.tags,
    },
    opts,
  );
}

/** Sends a resource's audit (or all) log categories to the workspace. */
export function auditLogs(
  name: string,
  args: {
    resourceUri: pulumi.Input<string>;
    workspaceId: pulumi.Input<string>;
    categoryGroup: "audit" | "allLogs";
  },
  opts: pulumi.CustomResourceOptions,
): monitor.DiagnosticSetting {
  return new monitor.DiagnosticSetting(
    name,
    {
      name: "wspec-audit",
      resourceUri: args.resourceUri,
      workspaceId: args.workspaceId,
      logs: [{ categoryGroup: args.categoryGroup, enabled: true }],
    },
    opts,
  );
}
