// The inputs of a local tenant, validated once at the boundary (the operator maps its Tenant spec
// onto them). Messages name the field, the value received and what is allowed; values that carry
// credentials (the admin URLs, the kubeconfig) are never echoed.
import { z } from "zod";
import { TENANT_ID, TIERS, type Tier } from "./naming.ts";
import type { TenantLimits } from "./quota.ts";

export interface LocalTenantConnections {
  /** A superuser URL of the PostgreSQL server (postgres://user:password@host:port/db). */
  readonly postgresAdminUrl: string;
  /** A Redis URL of a user allowed to manage ACLs (redis://user:password@host:port). */
  readonly redisAdminUrl: string;
  /** The kubeconfig's contents (not a path). */
  readonly kubeconfig: string;
  /** Absolute directory under which each tenant gets `<storageRoot>/<tenantId>`. */
  readonly storageRoot: string;
}

export interface LocalTenantArgs {
  /** 1-40 lowercase letters, digits and inner hyphens, starting with a letter. */
  readonly tenantId: string;
  readonly tier: Tier;
  readonly limits: TenantLimits;
  /** The tenant's administrators (emails); recorded on the namespace. */
  readonly admins: readonly string[];
  /** Extra labels for the tenant's Kubernetes objects. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly connections: LocalTenantConnections;
  /**
   * What the tenant's ComplianceProfile asks of documents, handed to the runtime in the connection
   * Secret (COMPLIANCE_POLICY) so uploads and the pipeline apply it.
   */
  readonly compliance?: TenantCompliance;
}

export interface TenantCompliance {
  readonly profile: string;
  readonly frameworks: readonly string[];
  readonly pii: string;
  readonly documentRules: readonly Record<string, unknown>[];
  /** spec.virusScan.failOpen: serve uploads unscanned while the virus scanner is down. */
  readonly virusScanFailOpen?: boolean;
}

/** Labels the stack sets itself; a tenant cannot override them. */
export const RESERVED_LABELS = [
  "wspec.io/tenant",
  "wspec.io/tier",
  "app.kubernetes.io/managed-by",
  "pod-security.kubernetes.io/enforce",
] as const;

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Fields whose value is a credential: messages name them but never show them. */
const SENSITIVE = new Set([
  "connections.postgresAdminUrl",
  "connections.redisAdminUrl",
  "connections.kubeconfig",
]);

const positiveInt = z
  .number({ error: "must be a positive integer" })
  .int("must be a positive integer")
  .positive("must be a positive integer");
const urlWithScheme = (schemes: readonly string[]) =>
  z.string({ error: "must be a string" }).refine(
    (v) => {
      try {
        const u = new URL(v);
        return schemes.includes(u.protocol) && u.hostname !== "";
      } catch {
        return false;
      }
    },
    { error: `must be a ${schemes.map((s) => `${s}//`).join(" or ")} URL with a host` },
  );

export const LocalTenantArgsSchema = z.object({
  tenantId: z
    .string({ error: "must be a string" })
    .regex(TENANT_ID, "must be 1-40 lowercase letters, digits and inner hyphens, starting with a letter"),
  tier: z.enum(TIERS, { error: `not in [${TIERS.join(", ")}]` }),
  limits: z.object(
    { storageGiB: positiveInt, documents: positiveInt, requestsPerHour: positiveInt },
    { error: "must be an object" },
  ),
  admins: z.array(z.string({ error: "must be a string" }).regex(EMAIL, "must be an email address"), {
    error: "must be an array of emails",
  }),
  labels: z
    .record(
      z.string().regex(LABEL_KEY, "is not a valid label key"),
      z.string({ error: "must be a string" }).regex(LABEL_VALUE, "is not a valid label value"),
      { error: "must be an object of strings" },
    )
    .superRefine((labels, ctx) => {
      for (const key of RESERVED_LABELS) {
        if (key in labels) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            input: labels[key],
            message: "is set by wspec and cannot be overridden",
          });
        }
      }
    })
    .optional(),
  connections: z.object(
    {
      postgresAdminUrl: urlWithScheme(["postgres:", "postgresql:"]),
      redisAdminUrl: urlWithScheme(["redis:", "rediss:"]),
      kubeconfig: z.string({ error: "must be a string" }).refine((v) => v.trim() !== "", "must not be empty"),
      storageRoot: z
        .string({ error: "must be a string" })
        .refine(
          (v) => v.startsWith("/") && !v.split("/").includes(".."),
          "must be an absolute path without '..'",
        ),
    },
    { error: "must be an object" },
  ),
  compliance: z
    .object({
      profile: z.string().min(1),
      frameworks: z.array(z.string()),
      pii: z.string().min(1),
      documentRules: z.array(z.record(z.string(), z.unknown())),
      virusScanFailOpen: z.boolean().optional(),
    })
    .optional(),
});

export type LocalTenantArgsResult =
  | { val: LocalTenantArgs; err?: undefined }
  | { val?: undefined; err: string };

/** Validates args; `err` lists every problem, one per field, separated by "; ". */
export function validateLocalTenantArgs(args: unknown): LocalTenantArgsResult {
  const parsed = LocalTenantArgsSchema.safeParse(args, { reportInput: true });
  if (parsed.success) return { val: parsed.data };
  return { err: parsed.error.issues.map(describeIssue).join("; ") };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // A record key that fails its pattern is reported on the record, with the key as its input.
  const segments = issue.code === "invalid_key" ? issue.path.slice(0, -1) : issue.path;
  const field = fieldPath(segments);
  if (issue.code === "invalid_key") return `${field} key ${show(issue.input)} ${issue.issues[0]?.message}`;
  if (issue.input === undefined) return `${field} is required`;
  if (SENSITIVE.has(field)) return `${field} ${issue.message}`;
  return `${field} ${show(issue.input)} ${issue.message}`;
}

/** `limits.storageGiB`, `admins[0]`, `labels["example.com/team"]`. */
function fieldPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return "args";
  return segments
    .map((p, i) => {
      if (typeof p === "number") return `[${p}]`;
      const name = String(p);
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join("");
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
