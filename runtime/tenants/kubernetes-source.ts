// Follows the operator's per-tenant Secrets through the Kubernetes API: the connection Secret the
// tenant's stack writes and the admin setup Secret the operator writes once the tenant is Ready.
// The informer is lib/kubernetes's, which restarts after watch errors (an API server restart) and
// resyncs every object periodically, so a missed event or a failed change is retried.
//
// Labels on a Secret prove nothing: anyone who may create Secrets in some namespace can copy them.
// A Secret is trusted only in the tenant's own namespace, the one its stack created and labelled
// (`app.kubernetes.io/managed-by=wspec`, `wspec.io/tenant=<id>`; labelling a namespace takes
// cluster rights a tenant's users do not have), and only for the tenant that namespace belongs to.
// Anything else is ignored and logged by where it came from and whom it claimed, never its values.
import * as k8s from "@kubernetes/client-node";
import { resilientInformer } from "../../lib/kubernetes/index.ts";
import {
  ADMIN_SETUP_SECRET,
  AdminSetupSecretSchema,
  CONNECTION_SECRET,
  decodeSecretData,
  TENANT_LABEL,
  TENANT_SECRET_LABELS,
  TENANT_SECRET_SELECTOR,
} from "../../lib/tenant-secrets/index.ts";
import { locationFromSecret } from "../db/tenant-registry.ts";
import type { TenantLog, TenantSync } from "./tenant-sync.ts";

export interface KubernetesSourceOptions {
  kc: k8s.KubeConfig;
  sync: Pick<TenantSync, "upsert" | "remove" | "setAdmins" | "removeAdmins">;
  logger: TenantLog;
  /** Only this namespace; default every namespace. */
  namespace?: string;
  /** Label requirements added to the tenant Secret selector. */
  selector?: string;
  restartDelayMs?: number;
  resyncMs?: number;
}

export interface TenantSource {
  stop(): Promise<void>;
}

export async function startKubernetesSource(opts: KubernetesSourceOptions): Promise<TenantSource> {
  const core = opts.kc.makeApiClient(k8s.CoreV1Api);
  const labelSelector = opts.selector ? `${TENANT_SECRET_SELECTOR},${opts.selector}` : TENANT_SECRET_SELECTOR;
  const { namespace } = opts;
  const trust = namespaceTrust(core);
  // One at a time, in the order seen: a delete must not overtake the add it follows while that add
  // waits for its namespace.
  let queue: Promise<void> = Promise.resolve();
  const informer = resilientInformer<k8s.V1Secret>(opts.kc, {
    path: namespace ? `/api/v1/namespaces/${namespace}/secrets` : "/api/v1/secrets",
    list: () =>
      namespace
        ? core.listNamespacedSecret({ namespace, labelSelector })
        : core.listSecretForAllNamespaces({ labelSelector }),
    labelSelector,
    onObject: (secret, event) => {
      queue = queue
        .then(() => onSecret(opts, trust, secret, event))
        .catch((err: unknown) => {
          opts.logger.error({ err: String(err) }, "tenant Secret not applied; retried on the next resync");
        });
    },
    onError: (err) => opts.logger.warn({ err: String(err) }, "tenant Secret watch interrupted; restarting"),
    ...(opts.restartDelayMs !== undefined ? { restartDelayMs: opts.restartDelayMs } : {}),
    ...(opts.resyncMs !== undefined ? { resyncMs: opts.resyncMs } : {}),
  });
  await informer.start();
  await queue; // the Secrets that exist now are applied before the runtime serves
  opts.logger.info({ namespace: namespace ?? "(all)", labelSelector }, "following tenant Secrets");
  return { stop: () => informer.stop() };
}

type NamespaceTrust = (namespace: string, tenantId: string) => Promise<string | undefined>;

/** Why a namespace is not `tenantId`'s operator-managed namespace, or undefined when it is. */
function namespaceTrust(core: k8s.CoreV1Api): NamespaceTrust {
  return async (namespace, tenantId) => {
    let labels: Record<string, string>;
    try {
      labels = (await core.readNamespace({ name: namespace })).metadata?.labels ?? {};
    } catch (err) {
      const code = err instanceof k8s.ApiException ? err.code : undefined;
      if (code === 404 || code === 403) return `namespace ${namespace} cannot be read (${code})`;
      throw err; // transient: the next resync tries again
    }
    for (const [k, v] of Object.entries({ ...TENANT_SECRET_LABELS, [TENANT_LABEL]: tenantId })) {
      if (labels[k] !== v)
        return `namespace ${namespace} is not tenant ${tenantId}'s: label ${k} is not "${v}"`;
    }
    return undefined;
  };
}

async function onSecret(
  { sync, logger }: KubernetesSourceOptions,
  trust: NamespaceTrust,
  secret: k8s.V1Secret,
  event: "add" | "update" | "delete" | "resync",
): Promise<void> {
  const name = secret.metadata?.name ?? "";
  const namespace = secret.metadata?.namespace ?? "";
  const source = `kubernetes:${namespace}/${name}`;
  if (name !== CONNECTION_SECRET && name !== ADMIN_SETUP_SECRET) return; // another wspec-managed Secret
  // A delete only withdraws what this very source was trusted with, so it needs no check.
  if (event === "delete") return name === CONNECTION_SECRET ? sync.remove(source) : sync.removeAdmins(source);

  const data = decodeSecretData(secret.data);
  const claimed = data.TENANT_ID ?? "";
  const refused =
    secret.metadata?.labels?.[TENANT_LABEL] !== claimed
      ? `its ${TENANT_LABEL} label does not name the tenant it claims`
      : await trust(namespace, claimed);
  if (refused !== undefined) {
    // Where it came from and whom it claimed: enough to find it, nothing from its data.
    logger.warn(
      { source, claimedTenant: claimed.slice(0, 64), reason: refused },
      "tenant Secret ignored: not from the tenant's own namespace",
    );
    return;
  }
  if (name === CONNECTION_SECRET) {
    const { val, err } = locationFromSecret(data);
    if (err !== undefined) {
      // zod's messages name the key and the rule, never the value.
      logger.error({ source, error: err }, "tenant Secret skipped");
      return;
    }
    return sync.upsert(source, val);
  }
  const parsed = AdminSetupSecretSchema.safeParse(data);
  if (!parsed.success) {
    const error = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    logger.error({ source, error }, "tenant admin setup Secret skipped");
    return;
  }
  return sync.setAdmins(source, parsed.data.TENANT_ID, parsed.data.ADMINS);
}
