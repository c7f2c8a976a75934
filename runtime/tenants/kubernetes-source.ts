// Follows the operator's per-tenant Secrets through the Kubernetes API: the connection Secret the
// tenant's stack writes and the admin setup Secret the operator writes once the tenant is Ready.
// The informer is lib/kubernetes's, which restarts after watch errors (an API server restart) and
// resyncs every object periodically, so a missed event or a failed change is retried.
import * as k8s from "@kubernetes/client-node";
import { resilientInformer } from "../../lib/kubernetes/index.ts";
import {
  ADMIN_SETUP_SECRET,
  AdminSetupSecretSchema,
  CONNECTION_SECRET,
  decodeSecretData,
  TENANT_SECRET_SELECTOR,
} from "../../lib/tenant-secrets/index.ts";
import { locationFromSecret } from "../db/tenant-registry.ts";
import type { TenantLog, TenantSync } from "./tenant-sync.ts";

export interface KubernetesSourceOptions {
  kc: k8s.KubeConfig;
  sync: TenantSync;
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
  const informer = resilientInformer<k8s.V1Secret>(opts.kc, {
    path: namespace ? `/api/v1/namespaces/${namespace}/secrets` : "/api/v1/secrets",
    list: () =>
      namespace
        ? core.listNamespacedSecret({ namespace, labelSelector })
        : core.listSecretForAllNamespaces({ labelSelector }),
    labelSelector,
    onObject: (secret, event) => void onSecret(opts, secret, event),
    onError: (err) => opts.logger.warn({ err: String(err) }, "tenant Secret watch interrupted; restarting"),
    ...(opts.restartDelayMs !== undefined ? { restartDelayMs: opts.restartDelayMs } : {}),
    ...(opts.resyncMs !== undefined ? { resyncMs: opts.resyncMs } : {}),
  });
  await informer.start();
  opts.logger.info({ namespace: namespace ?? "(all)", labelSelector }, "following tenant Secrets");
  return { stop: () => informer.stop() };
}

function onSecret(
  { sync, logger }: KubernetesSourceOptions,
  secret: k8s.V1Secret,
  event: "add" | "update" | "delete" | "resync",
): Promise<void> {
  const name = secret.metadata?.name ?? "";
  const source = `kubernetes:${secret.metadata?.namespace ?? ""}/${name}`;
  if (name === CONNECTION_SECRET) {
    if (event === "delete") return sync.remove(source);
    const { val, err } = locationFromSecret(decodeSecretData(secret.data));
    if (err !== undefined) {
      // zod's messages name the key and the rule, never the value.
      logger.error({ source, error: err }, "tenant Secret skipped");
      return Promise.resolve();
    }
    return sync.upsert(source, val);
  }
  if (name === ADMIN_SETUP_SECRET) {
    if (event === "delete") return sync.removeAdmins(source);
    const parsed = AdminSetupSecretSchema.safeParse(decodeSecretData(secret.data));
    if (!parsed.success) {
      const error = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      logger.error({ source, error }, "tenant admin setup Secret skipped");
      return Promise.resolve();
    }
    return sync.setAdmins(source, parsed.data.TENANT_ID, parsed.data.ADMINS);
  }
  return Promise.resolve(); // another wspec-managed Secret of the tenant
}
