// First sign-in of a tenant's admins. When a Tenant is Ready, the leader makes one setup token per
// spec.admins email, stores only their SHA-256 in the Secret `wspec-tenant-admin-setup` in the
// tenant's namespace (the runtime follows it: runtime/tenants), prints each clear token once to
// this log, and keeps it for the console to show once. The clear token is never written to the
// Tenant's status, an Event or a Secret.
//
// Once per tenant: an existing Secret means the tokens were issued (by this or another replica),
// so a restart or a resync issues nothing new. Deleting the Secret issues fresh tokens at the next
// resync (a lost token); the runtime refuses a new token for an account that has a password.
import * as k8s from "@kubernetes/client-node";
import type { Logger } from "pino";
import { resourcePrefix, type Tenant } from "../../crds/index.ts";
import { ADMIN_SETUP_SECRET, adminSetupSecret, type IssuedSetup } from "../../lib/tenant-secrets/index.ts";
import { isTrue } from "../tenant/index.ts";

export interface AdminSetupNotice extends IssuedSetup {
  /** The runtime's setup call, when the runtime's URL is known. */
  setupUrl?: string;
}

export interface AdminSetupIssuer {
  /** The informer listener: issues for Ready tenants that have none yet. */
  onTenant(tenant: Tenant, event: string): void;
  /** The clear tokens of a tenant, once: the next call answers undefined. */
  take(namespace: string, name: string): AdminSetupNotice[] | undefined;
  /** Resolves when the issuing in progress is done (tests, shutdown). */
  idle(): Promise<void>;
}

export function adminSetupIssuer(opts: {
  kc: k8s.KubeConfig;
  log: Logger;
  isLeader: () => boolean;
  /** e.g. http://127.0.0.1:8081: the log then prints a ready-to-use setup URL. */
  runtimeUrl?: string;
  ttlHours?: number;
  now?: () => Date;
}): AdminSetupIssuer {
  const core = opts.kc.makeApiClient(k8s.CoreV1Api);
  const outbox = new Map<string, AdminSetupNotice[]>();
  const running = new Map<string, Promise<void>>();

  const issue = async (tenant: Tenant, key: string, namespace: string): Promise<void> => {
    const ns = tenant.metadata.namespace ?? "default";
    const name = tenant.metadata.name ?? "";
    if (await exists(core, namespace)) return;
    const { body, issued } = adminSetupSecret({
      tenantId: resourcePrefix(ns, name),
      namespace,
      admins: tenant.spec.admins ?? [],
      labels: { "wspec.io/tenant-namespace": ns, "wspec.io/tenant-name": name },
      ...(opts.now ? { now: opts.now() } : {}),
      ...(opts.ttlHours ? { ttlHours: opts.ttlHours } : {}),
    });
    try {
      await core.createNamespacedSecret({ namespace, body });
    } catch (err) {
      if (err instanceof k8s.ApiException && err.code === 409) return; // another replica was first
      throw err;
    }
    const notices = issued.map((i) => ({
      ...i,
      ...(opts.runtimeUrl ? { setupUrl: `${opts.runtimeUrl.replace(/\/$/, "")}/api/v2/auth/setup` } : {}),
    }));
    outbox.set(key, notices);
    for (const n of notices) {
      // The one place a clear token is shown besides the console: the issue asks for it in this log.
      opts.log.info(
        {
          tenant: key,
          tenantId: resourcePrefix(ns, name),
          admin: n.email,
          setupToken: n.token,
          expiresAt: n.expiresAt,
          ...(n.setupUrl ? { setupUrl: n.setupUrl } : {}),
        },
        `admin setup token for ${n.email} (shown once): POST /api/v2/auth/setup {"tenant":"${resourcePrefix(ns, name)}","token":"…","password":"…"}`,
      );
    }
  };

  return {
    onTenant(tenant, event) {
      const key = `${tenant.metadata.namespace ?? "default"}/${tenant.metadata.name ?? ""}`;
      if (event === "delete") {
        outbox.delete(key);
        return;
      }
      const namespace = tenant.status?.outputs?.namespace;
      if (
        !opts.isLeader() ||
        running.has(key) ||
        tenant.metadata.deletionTimestamp ||
        !namespace ||
        !(tenant.spec.admins ?? []).length ||
        !isTrue(tenant.status?.conditions, "Ready")
      ) {
        return;
      }
      const run = issue(tenant, key, namespace)
        .catch((err: unknown) =>
          // The next resync tries again.
          opts.log.error(
            { tenant: key, err: String(err) },
            "admin setup Secret not created; retrying on resync",
          ),
        )
        .finally(() => running.delete(key));
      running.set(key, run);
    },
    take(namespace, name) {
      const key = `${namespace}/${name}`;
      const notices = outbox.get(key);
      outbox.delete(key);
      return notices;
    },
    async idle() {
      await Promise.all(running.values());
    },
  };
}

async function exists(core: k8s.CoreV1Api, namespace: string): Promise<boolean> {
  try {
    await core.readNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace });
    return true;
  } catch (err) {
    if (err instanceof k8s.ApiException && err.code === 404) return false;
    throw err;
  }
}
