// tls-min-version: traffic to data stores is encrypted, with at least encryption.tlsMinVersion.
// Services that already refuse anything below TLS 1.2 (S3 since 2024, Aurora and Azure Flexible
// Server by default) need an explicit setting only when the profile asks for 1.3.
import type { TlsVersion } from "../../crds/constants.ts";
import { at, list, type Props, record, runChecks, str, type TypeChecks } from "./props.ts";
import type { ComplianceRule, RuleContext } from "./types.ts";

const shown = (v: unknown) => JSON.stringify(v) ?? "(absent)";
const min = (ctx: RuleContext): TlsVersion => ctx.profile.encryption.tlsMinVersion;
const because = (ctx: RuleContext) =>
  `encryption.tlsMinVersion ${min(ctx)} of ComplianceProfile ${ctx.profileName}`;

/** "1.2" from TLS1_2, TLSv1.2, TLS_1_2, 1.2 and the ELB policy names that carry it; else undefined. */
export function tlsVersionOf(value: unknown): number | undefined {
  const text = String(value ?? "");
  const m = /TLS(?:13)?-1-([0-3])-/.exec(text) ?? /(?:^|[^0-9])1[._]([0-3])(?![0-9])/.exec(text);
  return m ? Number(`1.${m[1]}`) : undefined;
}

function atLeast(p: Props, ctx: RuleContext, field: string, fallback?: string): string[] {
  const value = at(p, field) ?? fallback;
  const version = tlsVersionOf(value);
  if (version !== undefined && version >= Number(min(ctx))) return [];
  const dflt = at(p, field) === undefined && fallback ? ` (the service default ${fallback})` : "";
  return [`${field} is ${shown(at(p, field))}${dflt}: must be at least TLS ${min(ctx)} (${because(ctx)})`];
}

type Statement = Readonly<Record<string, unknown>>;
const statementsOf = (raw: unknown): Statement[] => {
  let doc: unknown = raw;
  if (typeof raw === "string") {
    try {
      doc = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  return list(record(doc).Statement).map(record);
};
const denies = (s: Statement, operator: string, key: string, value: (v: unknown) => boolean) =>
  s.Effect === "Deny" && value(record(record(s.Condition)[operator])[key]);

const checks: TypeChecks<RuleContext> = {
  "aws:s3/bucketPolicy:BucketPolicy": (p, ctx) => {
    const statements = statementsOf(at(p, "policy"));
    const out: string[] = [];
    if (!statements.some((s) => denies(s, "Bool", "aws:SecureTransport", (v) => String(v) === "false"))) {
      out.push(
        'policy has no Deny on Condition Bool "aws:SecureTransport": "false": requests without TLS must be refused',
      );
    }
    if (min(ctx) === "1.3") {
      const enforced = statements.some((s) =>
        denies(s, "NumericLessThan", "s3:TlsVersion", (v) => (tlsVersionOf(v) ?? Number(v)) >= 1.3),
      );
      if (!enforced)
        out.push(`policy has no Deny on Condition NumericLessThan "s3:TlsVersion": "1.3" (${because(ctx)})`);
    }
    return out;
  },
  "aws:elasticache/replicationGroup:ReplicationGroup": (p) => {
    if (at(p, "transitEncryptionEnabled") !== true) {
      return [`transitEncryptionEnabled is ${shown(at(p, "transitEncryptionEnabled"))}: must be true`];
    }
    const mode = str(at(p, "transitEncryptionMode"));
    return mode === undefined || mode === "required"
      ? []
      : [`transitEncryptionMode is ${shown(mode)}: must be "required"`];
  },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": (p, ctx) => {
    const params = new Map(
      list(at(p, "parameters")).map((x) => [String(record(x).name), String(record(x).value)]),
    );
    const out: string[] = [];
    if (!String(at(p, "family") ?? "").includes("postgres")) return out;
    if (params.get("rds.force_ssl") !== "1") {
      out.push(
        `parameters rds.force_ssl is ${shown(params.get("rds.force_ssl"))}: must be "1" (connections without TLS refused)`,
      );
    }
    const version = tlsVersionOf(params.get("ssl_min_protocol_version") ?? "TLSv1.2");
    if ((version ?? 0) < Number(min(ctx))) {
      out.push(
        `parameters ssl_min_protocol_version is ${shown(params.get("ssl_min_protocol_version"))}: must be at least TLSv${min(ctx)} (${because(ctx)})`,
      );
    }
    return out;
  },
  "aws:lb/listener:Listener": (p, ctx) => {
    const protocol = str(at(p, "protocol"));
    if (protocol === "HTTPS" || protocol === "TLS")
      return atLeast(p, ctx, "sslPolicy", "ELBSecurityPolicy-2016-08 (TLS 1.0)");
    const redirects = list(at(p, "defaultActions")).every((a) => record(a).type === "redirect");
    return redirects
      ? []
      : [`protocol is ${shown(protocol)} and does not only redirect: plaintext listeners are not allowed`];
  },
  "azure-native:storage:StorageAccount": (p, ctx) => {
    const out = atLeast(p, ctx, "minimumTlsVersion", "TLS1_0");
    if (at(p, "enableHttpsTrafficOnly") === false) out.push("enableHttpsTrafficOnly is false: must be true");
    return out;
  },
  "azure-native:redis:Redis": (p, ctx) => {
    const out = atLeast(p, ctx, "minimumTlsVersion", "1.0");
    if (at(p, "enableNonSslPort") === true) out.push("enableNonSslPort is true: must be false");
    return out;
  },
  "azure-native:dbforpostgresql:Configuration": (p, ctx) => {
    const name = str(at(p, "configurationName"));
    if (name === "ssl_min_protocol_version") return atLeast(p, ctx, "value");
    if (name === "require_secure_transport" && String(at(p, "value")).toLowerCase() === "off") {
      return ['value is "off" for require_secure_transport: must be "on"'];
    }
    return [];
  },
  "gcp:sql/databaseInstance:DatabaseInstance": (p) => {
    const base = "settings.ipConfiguration";
    const mode = str(at(p, `${base}.sslMode`));
    const required = mode === "ENCRYPTED_ONLY" || mode === "TRUSTED_CLIENT_CERTIFICATE_REQUIRED";
    return required
      ? []
      : [`${base}.sslMode is ${shown(mode)}: must be ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED`];
  },
  "gcp:redis/instance:Instance": (p) =>
    at(p, "transitEncryptionMode") === "SERVER_AUTHENTICATION"
      ? []
      : [`transitEncryptionMode is ${shown(at(p, "transitEncryptionMode"))}: must be SERVER_AUTHENTICATION`],
  "gcp:compute/sSLPolicy:SSLPolicy": (p, ctx) => atLeast(p, ctx, "minTlsVersion", "TLS_1_0"),
};

export const tlsMinVersion: ComplianceRule = {
  name: "tls-min-version",
  description:
    "Connections to data stores require TLS, at least the ComplianceProfile's encryption.tlsMinVersion.",
  controls: ["encryption.tlsMinVersion"],
  checkResource: (resource, ctx) => runChecks(checks, resource, ctx),
  checkTenant: () => [],
};
