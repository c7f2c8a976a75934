// no-public-access: buckets and databases are never readable from the internet; with
// network.privateOnly, endpoints (cluster APIs, caches, load balancers) are private too.
import { at, list, type Props, record, runChecks, str, type TypeChecks } from "./props.ts";
import type { ComplianceRule, RuleContext } from "./types.ts";

const shown = (v: unknown) => JSON.stringify(v) ?? "(absent)";
const privateOnly = (ctx: RuleContext) => ctx.profile.network.privateOnly;
const because = (ctx: RuleContext) => `network.privateOnly of ComplianceProfile ${ctx.profileName}`;
const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"];
/** Annotations that make a LoadBalancer Service internal on EKS, AKS and GKE. */
const INTERNAL_LB: Readonly<Record<string, string>> = {
  "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
  "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
  "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
  "networking.gke.io/load-balancer-type": "Internal",
};

function acl(p: Props): string[] {
  const value = str(at(p, "acl"));
  return value && PUBLIC_ACLS.includes(value)
    ? [`acl is ${shown(value)}: must not be one of [${PUBLIC_ACLS.join(", ")}]`]
    : [];
}

/** An Allow to every principal without a condition opens the bucket to anyone. */
function bucketPolicy(p: Props): string[] {
  const raw = at(p, "policy");
  let doc: unknown = raw;
  if (typeof raw === "string") {
    try {
      doc = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  const statements = list(record(doc).Statement ?? (Array.isArray(doc) ? doc : []));
  return statements.flatMap((s, i) => {
    const st = record(s);
    const principal = st.Principal;
    const everyone =
      principal === "*" || record(principal).AWS === "*" || list(record(principal).AWS).includes("*");
    return st.Effect === "Allow" && everyone && st.Condition === undefined
      ? [`policy Statement[${i}] allows Principal "*" without a Condition: the bucket would be public`]
      : [];
  });
}

const notTrue = (field: string, why: string) => (p: Props) =>
  at(p, field) === true ? [`${field} is true: must be false (${why})`] : [];

const checks: TypeChecks<RuleContext> = {
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": (p) =>
    ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]
      .filter((f) => at(p, f) !== true)
      .map((f) => `${f} is ${shown(at(p, f))}: must be true`),
  "aws:s3/bucket:Bucket": acl,
  "aws:s3/bucketV2:BucketV2": acl,
  "aws:s3/bucketAcl:BucketAcl": acl,
  "aws:s3/bucketPolicy:BucketPolicy": bucketPolicy,
  "aws:rds/instance:Instance": notTrue("publiclyAccessible", "databases are never public"),
  "aws:rds/clusterInstance:ClusterInstance": notTrue("publiclyAccessible", "databases are never public"),
  "aws:eks/cluster:Cluster": (p, ctx) =>
    privateOnly(ctx) && at(p, "vpcConfig.endpointPublicAccess") !== false
      ? [
          `vpcConfig.endpointPublicAccess is ${shown(at(p, "vpcConfig.endpointPublicAccess"))} (the default is true): must be false (${because(ctx)})`,
        ]
      : [],
  "azure-native:storage:StorageAccount": (p, ctx) => {
    const out = notTrue("allowBlobPublicAccess", "buckets are never public")(p);
    if (
      privateOnly(ctx) &&
      at(p, "publicNetworkAccess") !== "Disabled" &&
      at(p, "networkRuleSet.defaultAction") !== "Deny"
    ) {
      out.push(
        `publicNetworkAccess is ${shown(at(p, "publicNetworkAccess"))} and networkRuleSet.defaultAction is ${shown(at(p, "networkRuleSet.defaultAction"))}: one must close the account (Disabled / Deny) (${because(ctx)})`,
      );
    }
    return out;
  },
  "azure-native:storage:BlobContainer": (p) => {
    const access = str(at(p, "publicAccess"));
    return access === undefined || access === "None"
      ? []
      : [`publicAccess is ${shown(access)}: must be None`];
  },
  "azure-native:dbforpostgresql:Server": (p) =>
    at(p, "network.publicNetworkAccess") === "Disabled"
      ? []
      : [
          `network.publicNetworkAccess is ${shown(at(p, "network.publicNetworkAccess"))}: must be Disabled (databases are never public)`,
        ],
  "azure-native:dbforpostgresql:FirewallRule": (p) =>
    at(p, "startIpAddress") === "0.0.0.0" && at(p, "endIpAddress") === "255.255.255.255"
      ? ["startIpAddress 0.0.0.0 to endIpAddress 255.255.255.255 opens the database to the internet"]
      : [],
  "azure-native:redis:Redis": (p, ctx) =>
    privateOnly(ctx) && at(p, "publicNetworkAccess") !== "Disabled"
      ? [`publicNetworkAccess is ${shown(at(p, "publicNetworkAccess"))}: must be Disabled (${because(ctx)})`]
      : [],
  "azure-native:containerservice:ManagedCluster": (p, ctx) =>
    privateOnly(ctx) && at(p, "apiServerAccessProfile.enablePrivateCluster") !== true
      ? [
          `apiServerAccessProfile.enablePrivateCluster is ${shown(at(p, "apiServerAccessProfile.enablePrivateCluster"))}: must be true (${because(ctx)})`,
        ]
      : [],
  "gcp:storage/bucket:Bucket": (p) =>
    at(p, "publicAccessPrevention") === "enforced"
      ? []
      : [`publicAccessPrevention is ${shown(at(p, "publicAccessPrevention"))}: must be "enforced"`],
  "gcp:storage/bucketIAMMember:BucketIAMMember": (p) => {
    const member = str(at(p, "member"));
    return member && PUBLIC_MEMBERS.includes(member)
      ? [`member is ${shown(member)}: buckets are never public`]
      : [];
  },
  "gcp:storage/bucketIAMBinding:BucketIAMBinding": (p) =>
    list(at(p, "members"))
      .filter((m) => typeof m === "string" && PUBLIC_MEMBERS.includes(m))
      .map((m) => `members has ${shown(m)}: buckets are never public`),
  "gcp:sql/databaseInstance:DatabaseInstance": (p, ctx) => {
    const base = "settings.ipConfiguration";
    const out = list(at(p, `${base}.authorizedNetworks`))
      .filter((n) => record(n).value === "0.0.0.0/0")
      .map(() => `${base}.authorizedNetworks has 0.0.0.0/0: databases are never public`);
    // Cloud SQL gives an instance a public IPv4 address unless told not to.
    if (privateOnly(ctx) && at(p, `${base}.ipv4Enabled`) !== false) {
      out.push(
        `${base}.ipv4Enabled is ${shown(at(p, `${base}.ipv4Enabled`))} (the default is true): must be false (${because(ctx)})`,
      );
    }
    return out;
  },
  "gcp:container/cluster:Cluster": (p, ctx) =>
    privateOnly(ctx) && at(p, "privateClusterConfig.enablePrivateNodes") !== true
      ? [
          `privateClusterConfig.enablePrivateNodes is ${shown(at(p, "privateClusterConfig.enablePrivateNodes"))}: must be true (${because(ctx)})`,
        ]
      : [],
  "kubernetes:core/v1:Service": (p, ctx) => {
    if (!privateOnly(ctx)) return [];
    const type = str(at(p, "spec.type")) ?? "ClusterIP";
    const annotations = record(at(p, "metadata.annotations"));
    const internal = Object.entries(INTERNAL_LB).some(([k, v]) => annotations[k] === v);
    if (type === "NodePort" || (type === "LoadBalancer" && !internal)) {
      return [
        `spec.type is ${shown(type)} without an internal load balancer annotation: must be ClusterIP or an internal LoadBalancer (${because(ctx)})`,
      ];
    }
    return [];
  },
};

export const noPublicAccess: ComplianceRule = {
  name: "no-public-access",
  description:
    "Buckets and databases are never public; with network.privateOnly, cluster endpoints, caches and load balancers are private.",
  controls: ["network.privateOnly"],
  checkResource: (resource, ctx) => runChecks(checks, resource, ctx),
  checkTenant: () => [],
};
