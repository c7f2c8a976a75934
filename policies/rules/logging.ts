// logging: the services that hold or guard tenant data leave an audit trail: database connection
// and error logs, cluster API audit logs, bucket access logs.
import {
  at,
  list,
  type Props,
  record,
  refersTo,
  runChecks,
  str,
  type TypeChecks,
  violation,
} from "./props.ts";
import type { ComplianceRule, RuleContext, RuleResource } from "./types.ts";

const shown = (v: unknown) => JSON.stringify(v) ?? "(absent)";

const includesAll = (field: string, needed: readonly string[]) => (p: Props) => {
  const have = list(at(p, field));
  const absent = needed.filter((n) => !have.includes(n));
  return absent.length === 0
    ? []
    : [`${field} is ${shown(at(p, field))}: must include [${absent.join(", ")}]`];
};

const AZURE_PG_LOG_SETTINGS = ["log_connections", "log_disconnections", "log_checkpoints"];

const checks: TypeChecks<RuleContext> = {
  "aws:rds/cluster:Cluster": includesAll("enabledCloudwatchLogsExports", ["postgresql"]),
  "aws:rds/instance:Instance": includesAll("enabledCloudwatchLogsExports", ["postgresql"]),
  "aws:eks/cluster:Cluster": includesAll("enabledClusterLogTypes", ["api", "audit", "authenticator"]),
  "aws:s3/bucketLogging:BucketLogging": (p) =>
    str(at(p, "targetBucket")) ? [] : ["targetBucket is (absent): access logs need a target bucket"],
  "aws:s3/bucketLoggingV2:BucketLoggingV2": (p) =>
    str(at(p, "targetBucket")) ? [] : ["targetBucket is (absent): access logs need a target bucket"],
  "azure-native:dbforpostgresql:Configuration": (p) => {
    const name = str(at(p, "configurationName"));
    return name && AZURE_PG_LOG_SETTINGS.includes(name) && String(at(p, "value")).toLowerCase() === "off"
      ? [`value is "off" for ${name}: must be "on"`]
      : [];
  },
  "azure-native:monitor:DiagnosticSetting": (p) =>
    list(at(p, "logs")).some((l) => record(l).enabled === true)
      ? []
      : [`logs is ${shown(at(p, "logs"))}: at least one log category must be enabled`],
  "gcp:container/cluster:Cluster": (p) => {
    if (at(p, "loggingService") === "none")
      return ['loggingService is "none": cluster logs must go to Cloud Logging'];
    const components = at(p, "loggingConfig.enableComponents");
    return Array.isArray(components) && components.length === 0
      ? ["loggingConfig.enableComponents is []: at least SYSTEM_COMPONENTS must be logged"]
      : [];
  },
  "gcp:sql/databaseInstance:DatabaseInstance": (p) => {
    const flags = new Map(
      list(at(p, "settings.databaseFlags")).map((f) => [String(record(f).name), String(record(f).value)]),
    );
    const off = ["log_connections", "log_disconnections"].filter((f) => flags.get(f) !== "on");
    return off.length === 0
      ? []
      : [`settings.databaseFlags must set ${off.map((f) => `${f}=on`).join(", ")}`];
  },
};

const enabledLogs = (setting: RuleResource) =>
  list(at(setting.props, "logs")).some((l) => record(l).enabled === true);

/** AKS: the monitoring agent, Azure Monitor, or a diagnostic setting sending its logs somewhere. */
function aksLogged(cluster: RuleResource, resources: readonly RuleResource[]): boolean {
  const addons = record(at(cluster.props, "addonProfiles"));
  if (Object.entries(addons).some(([k, v]) => k.toLowerCase() === "omsagent" && record(v).enabled === true))
    return true;
  if (at(cluster.props, "azureMonitorProfile") !== undefined) return true;
  return resources.some(
    (r) =>
      r.type === "azure-native:monitor:DiagnosticSetting" &&
      enabledLogs(r) &&
      refersTo(r, "resourceUri", cluster),
  );
}

/** GCS: the bucket's own access logs, or Cloud Audit Logs for storage in the project. */
function gcsLogged(bucket: RuleResource, resources: readonly RuleResource[]): boolean {
  if (str(at(bucket.props, "logging.logBucket"))) return true;
  return resources.some(
    (r) =>
      r.type === "gcp:projects/iAMAuditConfig:IAMAuditConfig" &&
      ["storage.googleapis.com", "allServices"].includes(String(at(r.props, "service"))) &&
      list(at(r.props, "auditLogConfigs")).some((c) =>
        ["DATA_READ", "DATA_WRITE"].includes(String(record(c).logType)),
      ),
  );
}

export const logging: ComplianceRule = {
  name: "logging",
  description: "Databases, clusters and buckets keep audit and access logs.",
  controls: ["frameworks"],
  checkResource: (resource, ctx) => runChecks(checks, resource, ctx),
  checkStack: (resources) => [
    ...resources
      .filter((r) => r.type === "azure-native:containerservice:ManagedCluster" && !aksLogged(r, resources))
      .map((r) =>
        violation(
          r,
          "no omsagent addon, azureMonitorProfile or diagnostic setting with logs enabled: cluster logs must go to Azure Monitor",
        ),
      ),
    ...resources
      .filter((r) => r.type === "gcp:storage/bucket:Bucket" && !gcsLogged(r, resources))
      .map((r) =>
        violation(
          r,
          "logging.logBucket is (absent) and no IAMAuditConfig logs DATA_READ/DATA_WRITE for storage.googleapis.com: object access must be logged",
        ),
      ),
  ],
  checkTenant: () => [],
};
