// Tenants without a restart: follows the operator's Secrets (Kubernetes API when
// TENANT_SECRETS_SOURCE=kubernetes, and TENANT_SECRETS_DIR when set) and keeps the registry, the
// database pools and the pending admin setups in step with them. Resolves once the current
// Secrets are applied, so a runtime that starts listening serves every tenant that exists.
import * as k8s from "@kubernetes/client-node";
import type { Config } from "../app/index.ts";
import { migrateTenant } from "../db/migrate.ts";
import type { TenantDatabases } from "../db/tenant-databases.ts";
import type { TenantRegistry } from "../db/tenant-registry.ts";
import { startDirectorySource } from "./directory-source.ts";
import { startKubernetesSource, type TenantSource } from "./kubernetes-source.ts";
import { SetupTokens } from "./setup-tokens.ts";
import { type TenantLog, TenantSync } from "./tenant-sync.ts";

export type TenantWatcherConfig = Pick<
  Config,
  | "TENANT_SECRETS_DIR"
  | "TENANT_SECRETS_WATCH"
  | "TENANT_SECRETS_SOURCE"
  | "TENANT_SECRETS_NAMESPACE"
  | "TENANT_SECRETS_SELECTOR"
  | "KUBECONFIG"
  | "DATABASE_ADMIN_URL"
  | "MIGRATE_ON_START"
>;

export interface TenantWatcher {
  /** The admins' pending one-time setup tokens (hashed), for POST /api/v2/auth/setup. */
  setupTokens: SetupTokens;
  /** Resolves once every change seen so far is applied (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTenantWatcher(deps: {
  config: TenantWatcherConfig;
  registry: TenantRegistry;
  databases: Pick<TenantDatabases, "ensureTenantRow" | "release" | "withTenant">;
  logger: TenantLog;
  /** @default the kubeconfig file of KUBECONFIG, else the in-cluster service account */
  kubeConfig?: k8s.KubeConfig;
}): Promise<TenantWatcher> {
  const { config, logger } = deps;
  const setupTokens = new SetupTokens();
  const adminUrl = config.MIGRATE_ON_START ? config.DATABASE_ADMIN_URL : undefined;
  const sync = new TenantSync({
    registry: deps.registry,
    databases: deps.databases,
    setupTokens,
    logger,
    ...(adminUrl ? { migrate: (location) => migrateTenant(adminUrl, location) } : {}),
  });
  const sources: TenantSource[] = [];
  const stop = async () => {
    await Promise.all(sources.map((s) => s.stop()));
    await sync.idle();
  };
  try {
    if (config.TENANT_SECRETS_DIR) {
      sources.push(
        await startDirectorySource({
          dir: config.TENANT_SECRETS_DIR,
          sync,
          logger,
          watch: config.TENANT_SECRETS_WATCH,
        }),
      );
    }
    if (config.TENANT_SECRETS_SOURCE === "kubernetes") {
      sources.push(
        await startKubernetesSource({
          kc: deps.kubeConfig ?? kubeConfigOf(config),
          sync,
          logger,
          ...(config.TENANT_SECRETS_NAMESPACE ? { namespace: config.TENANT_SECRETS_NAMESPACE } : {}),
          ...(config.TENANT_SECRETS_SELECTOR ? { selector: config.TENANT_SECRETS_SELECTOR } : {}),
        }),
      );
    }
    await sync.idle();
  } catch (err) {
    await stop();
    throw err;
  }
  return { setupTokens, idle: () => sync.idle(), stop };
}

function kubeConfigOf(config: TenantWatcherConfig): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  if (config.KUBECONFIG) kc.loadFromFile(config.KUBECONFIG);
  else kc.loadFromCluster();
  return kc;
}
