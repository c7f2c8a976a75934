// What both runtime processes (the API and the worker) need to reach tenants: the registry filled
// from the operator's Secrets (environment, directory, or followed live in Kubernetes), tenant
// migrations, and bounded connection pools per tenant.
import type pino from "pino";
import type { Config } from "./app/index.ts";
import { locationFromSecret, migrate, migrateTenant, TenantDatabases, TenantRegistry } from "./db/index.ts";
import type { TenantPolicy } from "./pipeline/handlers/index.ts";
import { startTenantWatcher, type TenantWatcher } from "./tenants/index.ts";

export interface TenantServices {
  registry: TenantRegistry;
  databases: TenantDatabases;
  watcher: TenantWatcher;
  /** The tenant's ComplianceProfile as its Secret carries it; a tenant without one checks nothing. */
  policyFor(tenantId: string): TenantPolicy;
  close(): Promise<void>;
}

const NO_POLICY: TenantPolicy = { frameworks: [], pii: "flag", documentRules: [] };

export async function startTenantServices(
  env: Record<string, string | undefined>,
  config: Config,
  logger: pino.Logger,
): Promise<TenantServices> {
  if (config.MIGRATE_ON_START && config.DATABASE_ADMIN_URL) {
    const result = await migrate(config.DATABASE_ADMIN_URL, {
      ...(config.DATABASE_APP_PASSWORD ? { appPassword: config.DATABASE_APP_PASSWORD } : {}),
    });
    logger.info(result, "migrations applied");
  }
  const registry = new TenantRegistry();
  if (env.TENANT_ID) {
    // A silo runtime gets its tenant's Secret as environment (envFrom).
    const { val, err } = locationFromSecret(env);
    if (err !== undefined) throw new Error(`invalid tenant Secret in the environment: ${err}`);
    registry.register(val);
  }
  if (config.TENANT_SECRETS_DIR) {
    const { loaded, errors } = await registry.loadSecretsDir(config.TENANT_SECRETS_DIR);
    for (const e of errors) logger.error({ error: e }, "tenant Secret skipped");
    logger.info({ loaded, dir: config.TENANT_SECRETS_DIR }, "tenant registry loaded");
  }
  if (config.MIGRATE_ON_START && config.DATABASE_ADMIN_URL) {
    for (const location of registry.list()) {
      const result = await migrateTenant(config.DATABASE_ADMIN_URL, location);
      logger.info({ tenant: location.slug, ...result }, "tenant migrations applied");
    }
  }
  const databases = new TenantDatabases({
    registry,
    maxPerPool: config.DB_POOL_MAX_PER_TENANT,
    maxPerTenant: config.DB_TENANT_CONCURRENCY,
    maxTotal: config.DB_POOL_MAX_TOTAL,
    idleMs: config.DB_POOL_IDLE_SECONDS * 1000,
  });
  // Tenants that appear, change or go after start (runtime/tenants), and their admins' setup tokens.
  const watcher = await startTenantWatcher({ config, registry, databases, logger });
  for (const location of registry.list()) {
    await databases
      .ensureTenantRow(location.tenantId)
      .catch((e: Error) => logger.error({ err: e, tenant: location.slug }, "tenant row not ensured"));
  }
  return {
    registry,
    databases,
    watcher,
    policyFor: (tenantId) => registry.get(tenantId)?.compliance ?? NO_POLICY,
    async close() {
      await watcher.stop();
      await databases.close();
    },
  };
}
