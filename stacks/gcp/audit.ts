// Cloud Audit Logs for object reads and writes (Data Access logs), which Google recommends over
// bucket usage logs: every access to a tenant's objects is recorded within seconds.
import * as projects from "@pulumi/gcp/projects/index.js";
import type * as pulumi from "@pulumi/pulumi";

/**
 * The project's audit config for Cloud Storage. It is authoritative for the service in the
 * project: every wspec stack in one project declares the same config, so any of them keeps it in
 * place; removing the last of them turns the logs off.
 */
export function storageDataAccessLogs(
  name: string,
  project: string,
  opts: pulumi.CustomResourceOptions,
): projects.IAMAuditConfig {
  return new projects.IAMAuditConfig(
    name,
    {
      project,
      service: "storage.googleapis.com",
      auditLogConfigs: [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }, { logType: "ADMIN_READ" }],
    },
    opts,
  );
}
