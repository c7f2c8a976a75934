// The inputs of the runtime on Kubernetes, validated at the boundary: messages name the field, the
// value received and what is allowed.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { TIERS, type Tier } from "../../crds/constants.ts";

/** The Secret the runtime reads its tenant from: made here from connection values, or one that exists. */
export type RuntimeSecret =
  | { readonly data: pulumi.Input<Record<string, pulumi.Input<string>>> }
  | { readonly existingName: pulumi.Input<string> };

export interface RuntimeArgs {
  /** 1-40 lowercase letters, digits and inner hyphens, starting with a letter. */
  readonly tenantId: string;
  readonly tier: Tier;
  /** A namespace to deploy into (e.g. the pool namespace); absent: `tenant-<tenantId>` is created. */
  readonly namespace?: pulumi.Input<string>;
  /** Create `namespace` too (a silo's fresh cluster has none). */
  readonly createNamespace?: boolean;
  /** The runtime image's repository; the tag is `version`. */
  readonly image: string;
  /** spec.runtime.version. */
  readonly version: string;
  /** spec.runtime.replicas: the HPA's floor. */
  readonly replicas: number;
  /** Keys are environment variable names (DATABASE_URL, REDIS_URL, ...): mounted with envFrom. */
  readonly secret: RuntimeSecret;
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Do not wait for pods to become ready (pulumi.com/skipAwait): for clusters without nodes, like
   * the local control plane, where no pod ever starts.
   */
  readonly skipAwait?: boolean;
  /**
   * The cloud identity the runtime's pods take (workload identity / IRSA): annotations for its
   * service account, labels for its pods.
   */
  readonly workloadIdentity?: pulumi.Input<{
    readonly annotations: Readonly<Record<string, string>>;
    readonly podLabels: Readonly<Record<string, string>>;
  }>;
  /** Where the runtime may connect besides DNS: CIDRs of its database, cache and object store. */
  readonly egressCidrs?: readonly string[];
  /** Namespaces whose pods may call the runtime (an ingress controller's); none: same namespace only. */
  readonly ingressNamespaces?: readonly string[];
}

export const RUNTIME_PORT = 8080;
const TENANT_ID = /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const SEMVER = /^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$/;
const CIDR = /^([0-9]{1,3}\.){3}[0-9]{1,3}\/[0-9]{1,2}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const RuntimeArgsSchema = z.object({
  tenantId: z
    .string()
    .regex(TENANT_ID, "must be 1-40 lowercase letters, digits and inner hyphens, starting with a letter"),
  tier: z.enum(TIERS, { error: `not in [${TIERS.join(", ")}]` }),
  image: z
    .string()
    .regex(IMAGE, "must be an image repository without a tag (registry.example.com/wspec/runtime)"),
  version: z.string().regex(SEMVER, "must be a semantic version (1.2.3)"),
  replicas: z
    .number()
    .int("must be an integer from 1 to 20")
    .min(1, "must be an integer from 1 to 20")
    .max(20, "must be an integer from 1 to 20"),
  egressCidrs: z.array(z.string().regex(CIDR, "must be an IPv4 CIDR (10.0.0.0/16)")).optional(),
  ingressNamespaces: z.array(z.string().regex(DNS_LABEL, "must be a namespace name")).optional(),
});

/** Every problem of the plain (non-Output) fields, one per field, separated by "; "; "" when valid. */
export function runtimeArgsProblems(args: RuntimeArgs): string {
  const parsed = RuntimeArgsSchema.safeParse(args);
  if (parsed.success) return "";
  return parsed.error.issues
    .map((i) => {
      const field = i.path
        .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
        .join("")
        .slice(1);
      const value = i.path.reduce<unknown>(
        (v, p) => (v as Record<PropertyKey, unknown> | undefined)?.[p],
        args,
      );
      return `${field.replace(/\.\[/g, "[")} ${JSON.stringify(value) ?? "(absent)"} ${i.message}`;
    })
    .join("; ");
}
