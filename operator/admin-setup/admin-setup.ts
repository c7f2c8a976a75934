// First sign-in of a tenant's admins. When a Tenant is Ready, the leader makes one setup token per
// spec.admins email and stores only their SHA-256 in the Secret `wspec-tenant-admin-setup` in the
// tenant's namespace (the runtime follows it: runtime/tenants). The clear tokens are never logged
// (logs are shipped and read widely; a token is an admin account), nor written to the Tenant's
// status, an Event or a Secret. They are handed out once, to whoever asked for the tenant: the
// sales-ops user named by the Tenant's `wspec.io/requested-by` annotation (the console sets it) on
// the console, or, for tenants applied with kubectl, a file readable by the operator's user only
// in `outboxDir` (the platform engineer running it; the local demo reads it).
//
// Once per tenant: an existing Secret means the tokens were issued (by this or another replica),
// so a restart or a resync issues nothing new. Deleting the Secret issues fresh tokens at the next
// resync (a lost token); the runtime refuses a new token for an account that has a password.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import type { Logger } from "pino";
import { resourcePrefix, type Tenant } from "../../crds/index.ts";
import { ADMIN_SETUP_SECRET, adminSetupSecret, type IssuedSetup } from "../../lib/tenant-secrets/index.ts";
import { isTrue } from "../tenant/index.ts";

export interface AdminSetupNotice extends IssuedSetup {
  /** The runtime's setup call, when the runtime's URL is known. */
  setupUrl?: string;
}

/** The annotation naming the sales-ops user a tenant's setup tokens are shown to (the console sets it). */
export const REQUESTED_BY_ANNOTATION = "wspec.io/requested-by";

export interface AdminSetupIssuer {
  /** The informer listener: issues for Ready tenants that have none yet. */
  onTenant(tenant: Tenant, event: string): void;
  /**
   * The clear tokens of a tenant, once, and only for the sales-ops user who requested it: anyone
   * else gets undefined and leaves them in place.
   */
  take(namespace: string, name: string, requester: string): AdminSetupNotice[] | undefined;
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
  /** Where tokens of tenants no console user requested are left, one file each (mode 0600). */
  outboxDir?: string;
}): AdminSetupIssuer {
  const core = opts.kc.makeApiClient(k8s.CoreV1Api);
  const outbox = new Map<string, { requestedBy: string; notices: AdminSetupNotice[] }>();
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
    const requestedBy = tenant.metadata.annotations?.[REQUESTED_BY_ANNOTATION];
    let delivery: string;
    if (requestedBy) {
      outbox.set(key, { requestedBy, notices });
      delivery = `the console shows them once to ${requestedBy}`;
    } else if (opts.outboxDir) {
      const file = outboxFile(opts.outboxDir, ns, name);
      mkdirSync(opts.outboxDir, { recursive: true, mode: 0o700 });
      rmSync(file, { force: true }); // a new file, so its mode is ours
      writeFileSync(
        file,
        `${JSON.stringify({ tenant: key, tenantId: resourcePrefix(ns, name), notices })}\n`,
        {
          mode: 0o600,
        },
      );
      delivery = `written to ${file} (mode 600): hand them over and delete the file`;
    } else {
      delivery =
        "not delivered: no console user requested this tenant and WSPEC_ADMIN_SETUP_OUTBOX is unset; set it and delete the Secret to issue new ones";
    }
    // Who and until when, never the token: logs are shipped and read far more widely than this.
    opts.log.info(
      {
        tenant: key,
        tenantId: resourcePrefix(ns, name),
        admins: notices.map((n) => n.email),
        expiresAt: notices[0]?.expiresAt,
        ...(requestedBy ? { requestedBy } : {}),
      },
      `admin setup tokens issued (not logged): ${delivery}`,
    );
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
    take(namespace, name, requester) {
      const key = `${namespace}/${name}`;
      const held = outbox.get(key);
      if (!held || held.requestedBy !== requester) return undefined;
      outbox.delete(key);
      return held.notices;
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

/** The file a tenant's tokens are left in when no console user requested it. */
export function outboxFile(dir: string, namespace: string, name: string): string {
  return join(dir, `${namespace}.${name}.json`);
}
