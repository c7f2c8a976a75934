// The runtime's server entry: `node runtime/main.ts`. Reads and validates the environment (exit 1
// naming each bad variable), optionally migrates, loads the tenant registry from the operator's
// Secrets, wires database pools, Redis, rate limits and audit routes, listens, and shuts down
// gracefully on SIGTERM/SIGINT.

import type { MiddlewareHandler } from "hono";
import { Redis } from "ioredis";
import pino from "pino";
import {
  ApiError,
  type App,
  type AppEnv,
  type Config,
  createApp,
  type HealthCheck,
  loadConfig,
} from "./app/index.ts";
import { type RunningServer, startServer } from "./app/server.ts";
import { registerAuditRoutes } from "./audit/index.ts";
import { authFromEnv } from "./auth/routes/from-env.ts";
import {
  connectDatabase,
  locationFromSecret,
  migrate,
  migrateTenant,
  PoolBusyError,
  TenantDatabases,
  TenantRegistry,
} from "./db/index.ts";
import { type DocumentSweeper, documentsWiring, storageConfigFromEnv } from "./documents/index.ts";
import { rateLimit } from "./rate-limit/index.ts";
import { startTenantWatcher } from "./tenants/index.ts";

export interface RuntimePlugins {
  /** The authentication middleware (runtime/auth): sets `tenant` and `principal`. */
  authenticate?: MiddlewareHandler<AppEnv>;
  /** More routes (documents, auth, …). */
  routes?: ((app: App, services: RuntimeServices) => void)[];
  /** Storage health (runtime/storage). */
  storageCheck?: HealthCheck;
}

export interface RuntimeServices {
  config: Config;
  registry: TenantRegistry;
  databases: TenantDatabases;
  redis: Redis;
  logger: pino.Logger;
}

export interface Runtime extends RuntimeServices {
  app: App;
  server: RunningServer;
}

export async function startRuntime(
  env: Record<string, string | undefined>,
  plugins: RuntimePlugins = {},
): Promise<Runtime> {
  const { val: config, err } = loadConfig(env);
  if (err !== undefined) throw new ConfigError(err);
  const logger = pino({ level: config.LOG_LEVEL, base: { service: "wspec-runtime" } });
  // Documents (runtime/documents) when STORAGE_KIND is set; checked before anything is opened.
  const storage = storageConfigFromEnv(config);
  if (storage.err !== undefined) throw new ConfigError(storage.err);

  if (config.MIGRATE_ON_START && config.DATABASE_ADMIN_URL) {
    const result = await migrate(config.DATABASE_ADMIN_URL, {
      ...(config.DATABASE_APP_PASSWORD ? { appPassword: config.DATABASE_APP_PASSWORD } : {}),
    });
    logger.info(result, "migrations applied");
  }

  const registry = new TenantRegistry();
  if (env.TENANT_ID) {
    // A silo runtime gets its tenant's Secret as environment (envFrom).
    const { val, err: secretErr } = locationFromSecret(env);
    if (secretErr !== undefined)
      throw new ConfigError(`invalid tenant Secret in the environment: ${secretErr}`);
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

  const base = connectDatabase(config.DATABASE_URL, { max: 2 });
  const databases = new TenantDatabases({
    registry,
    maxPerPool: config.DB_POOL_MAX_PER_TENANT,
    maxPerTenant: config.DB_TENANT_CONCURRENCY,
    maxTotal: config.DB_POOL_MAX_TOTAL,
    idleMs: config.DB_POOL_IDLE_SECONDS * 1000,
  });
  // Auth (runtime/auth/routes) when AUTH_JWT_PRIVATE_KEY is set: /api/v2/auth/* and authentication.
  // Tenants that appear, change or go after start (runtime/tenants), and their admins' setup tokens.
  const tenantWatcher = await startTenantWatcher({ config, registry, databases, logger });
  const auth = await authFromEnv(env, { databases, registry, setupTokens: tenantWatcher.setupTokens });
  if (auth.err !== undefined) {
    await Promise.all([tenantWatcher.stop(), databases.close(), base.close()]);
    throw new ConfigError(auth.err);
  }
  for (const location of registry.list()) {
    await databases
      .ensureTenantRow(location.tenantId)
      .catch((e: Error) => logger.error({ err: e, tenant: location.slug }, "tenant row not ensured"));
  }
  const documents = storage.val
    ? documentsWiring(storage.val, config, { databases, registry, logger })
    : undefined;
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on("error", (e) => logger.warn({ err: e }, "redis connection error"));
  await redis.connect().catch((e: Error) => logger.error({ err: e }, "redis unreachable at start; retrying"));

  const services: RuntimeServices = { config, registry, databases, redis, logger };
  const middleware: MiddlewareHandler<AppEnv>[] = [];
  const authenticate = plugins.authenticate ?? auth.val?.middleware;
  if (authenticate) middleware.push(authenticate);
  if (config.RATE_LIMIT_ENABLED) middleware.push(rateLimit({ redis }));
  const app = createApp({
    config: { apiVersion: config.API_VERSION },
    logger,
    db: { ping: () => base.sql`select 1` },
    redis,
    registry,
    middleware,
    mapError: (e) =>
      e instanceof PoolBusyError
        ? new ApiError({
            code: "SERVICE_UNAVAILABLE",
            message: "the tenant's database is busy; retry shortly",
            headers: { "Retry-After": "1" },
            cause: e,
          })
        : undefined,
    ...(plugins.storageCheck
      ? { storageCheck: plugins.storageCheck }
      : documents
        ? { storageCheck: documents.storageCheck }
        : {}),
    routes: [
      registerAuditRoutes({ databases }),
      ...(auth.val ? [auth.val.routes] : []),
      ...(documents ? [documents.routes] : []),
      ...(plugins.routes ?? []).map((r) => (a: App) => r(a, services)),
    ],
  });
  // Started after the server is up; stopped first on shutdown (a pass in progress finishes).
  let sweeper: DocumentSweeper | undefined;
  const server = await startServer({
    fetch: app.fetch,
    port: config.PORT,
    host: config.HOST,
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    cleanups: [
      async () => {
        await sweeper?.stop();
      },
      () => tenantWatcher.stop(),
      () => databases.close(),
      () => base.close(),
      () => redis.quit().catch(() => redis.disconnect()),
    ],
  });
  sweeper = documents?.startSweeper();
  return { ...services, app, server };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

if (import.meta.main) {
  try {
    const runtime = await startRuntime(process.env);
    const stop = async () => {
      await runtime.server.shutdown();
      process.exit(0);
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  } catch (err) {
    process.stderr.write(`wspec-runtime: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
