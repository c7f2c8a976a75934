// The runtime's server entry: `node runtime/main.ts`. Reads and validates the environment (exit 1
// naming each bad variable), reaches tenants through their Secrets (runtime/tenant-services),
// wires auth, rate limits, audit, documents, AI, compliance and webhooks, enqueues uploads for the
// worker (`npm run worker`), listens, and shuts down gracefully on SIGTERM/SIGINT.

import type { MiddlewareHandler } from "hono";
import { Redis } from "ioredis";
import pino from "pino";
import { aiRouteDepsFromEnv } from "./ai/routes/from-env.ts";
import { registerAiRoutes } from "./ai/routes/index.ts";
import { ClassifierTrainingQueue } from "./ai/training/index.ts";
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
import { registerAuditRoutes, tenantAuditKeys } from "./audit/index.ts";
import { authFromEnv } from "./auth/routes/from-env.ts";
import { createSecretBox, deriveKey, SECRET_PURPOSES } from "./auth/secret-box.ts";
import { registerComplianceRoutes } from "./compliance/routes/index.ts";
import { connectDatabase, PoolBusyError, type TenantDatabases, type TenantRegistry } from "./db/index.ts";
import { documentHooks } from "./document-hooks.ts";
import { type DocumentSweeper, documentsWiring, storageConfigFromEnv } from "./documents/index.ts";
import {
  countRequests,
  createRuntimeMetrics,
  httpMetrics,
  instrumentStorage,
  type MetricsServer,
  meteredFetch,
  observePools,
  observeQueues,
  startMetricsServer,
  startUsageCounters,
} from "./metrics/index.ts";
import {
  createNotifier,
  disposalNotifications,
  MailQueue,
  notifyingHooks,
  quarantineNotifications,
  registerNotificationRoutes,
  shareNotifications,
} from "./notifications/index.ts";
import { Pipeline } from "./pipeline/index.ts";
import { queueConnection } from "./queues.ts";
import { DEFAULT_LIMITS, limitUnauthenticated, rateLimit } from "./rate-limit/index.ts";
import { registerRetentionRoutes } from "./retention/index.ts";
import { scanSettingsFromEnv } from "./scan/index.ts";
import { startTenantServices } from "./tenant-services.ts";
import { DeliveryQueue, registerWebhookRoutes } from "./webhooks/index.ts";

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
  /** The Prometheus endpoint, when METRICS_PORT is set. */
  metrics?: MetricsServer;
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
  // Virus scanning of uploads (runtime/scan) when CLAMD_ADDRESS is set.
  const scan = scanSettingsFromEnv(env);
  if (scan.err !== undefined) throw new ConfigError(scan.err);
  const scanner = scan.val.client;
  if (!scanner) logger.warn("CLAMD_ADDRESS unset: uploads are stored without a virus scan");

  const tenants = await startTenantServices(env, config, logger).catch((e: Error) => {
    throw new ConfigError(e.message);
  });
  const { registry, databases } = tenants;
  const base = connectDatabase(config.DATABASE_URL, { max: 2 });
  // The deployment's root secret (AUTH_SECRET_BOX_KEY, checked by authFromEnv): keys derived from
  // it, one per purpose, seal secrets, sign page cursors and key audit chains until a tenant's
  // Secret brings the operator's own key for its chain.
  const rootKey =
    env.AUTH_JWT_PRIVATE_KEY && Buffer.from(env.AUTH_SECRET_BOX_KEY ?? "", "base64").length === 32
      ? env.AUTH_SECRET_BOX_KEY
      : undefined;
  const auditKey = tenantAuditKeys({
    tenantKey: (id) => registry.get(id)?.auditKey,
    ...(rootKey ? { rootKey } : {}),
  });
  const cursorKey = rootKey
    ? deriveKey(rootKey, SECRET_PURPOSES.pageCursor).toString("base64url")
    : undefined;
  const keyed = { auditKey, ...(cursorKey ? { cursorKey } : {}) };
  // Auth (runtime/auth/routes) when AUTH_JWT_PRIVATE_KEY is set: /api/v2/auth/* and authentication.
  const auth = await authFromEnv(env, {
    databases,
    registry,
    setupTokens: tenants.watcher.setupTokens,
    auditKey,
  });
  if (auth.err !== undefined) {
    await Promise.all([tenants.close(), base.close()]);
    throw new ConfigError(auth.err);
  }
  // Uploads are processed by the worker process; this one only enqueues.
  const connection = queueConnection(config.REDIS_URL);
  const pipeline = new Pipeline({ connection, prefix: config.QUEUE_PREFIX });
  const deliveries = new DeliveryQueue({ connection, prefix: config.QUEUE_PREFIX });
  const webhooks = { databases, queue: deliveries };
  // Notifications: in-app always; e-mail is queued for the worker when SMTP is configured.
  const mailQueue = config.SMTP_HOST ? new MailQueue({ connection, prefix: config.QUEUE_PREFIX }) : undefined;
  const notifier = createNotifier({ databases, ...(mailQueue ? { queue: mailQueue } : {}), logger });
  // Per-tenant usage for billing, in the tenants' databases (runtime/metrics/usage.ts).
  const usage = startUsageCounters({ databases, intervalMs: config.USAGE_FLUSH_SECONDS * 1000, logger });
  // Metrics (runtime/metrics) when METRICS_PORT is set, served on that port only.
  const metrics = config.METRICS_PORT === undefined ? undefined : createRuntimeMetrics("api");
  const documents = storage.val
    ? documentsWiring(storage.val, config, {
        databases,
        registry,
        logger,
        ...keyed,
        ...(metrics ? { instrument: (d) => instrumentStorage(d, metrics) } : {}),
        hooks: notifyingHooks(
          documentHooks({
            pipeline,
            webhooks,
            policyFor: tenants.policyFor,
            logger,
            auditKey,
            ...(scanner ? { scanner } : {}),
            onQuarantined: quarantineNotifications(notifier, logger),
          }),
          shareNotifications(notifier, databases),
          logger,
        ),
      })
    : undefined;
  const training = new ClassifierTrainingQueue({ connection, prefix: config.QUEUE_PREFIX, databases });
  const ai = documents
    ? aiRouteDepsFromEnv(env, {
        databases,
        storage: documents.driver,
        training,
        auditKey,
        ...(metrics ? { fetch: meteredFetch(metrics, "translation") } : {}),
      })
    : undefined;
  if (ai?.err !== undefined) {
    await Promise.all([
      tenants.close(),
      base.close(),
      pipeline.close(),
      deliveries.queue.close(),
      training.close(),
    ]);
    throw new ConfigError(ai.err);
  }
  // Endpoint secrets are sealed with a key derived from AUTH_SECRET_BOX_KEY for them alone (TOTP
  // secrets get another): webhooks need auth on.
  const secretBox =
    env.AUTH_SECRET_BOX_KEY && auth.val
      ? createSecretBox([{ id: "k1", key: env.AUTH_SECRET_BOX_KEY }], {
          purpose: SECRET_PURPOSES.webhookSecret,
        })
      : undefined;
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on("error", (e) => logger.warn({ err: e }, "redis connection error"));
  await redis.connect().catch((e: Error) => logger.error({ err: e }, "redis unreachable at start; retrying"));

  const services: RuntimeServices = { config, registry, databases, redis, logger };
  const middleware: MiddlewareHandler<AppEnv>[] = [];
  const authenticate = plugins.authenticate ?? auth.val?.middleware;
  // Per-IP and global buckets before anything a caller without credentials can make us do.
  // Scaled by RATE_LIMIT_SCALE, and keyed per environment (QUEUE_PREFIX) so that a deployment
  // driven on purpose never spends another's per-address budget in a shared Redis.
  const scale = config.RATE_LIMIT_SCALE;
  if (authenticate && config.RATE_LIMIT_ENABLED) {
    middleware.push(limitUnauthenticated({ redis, scale, keyPrefix: `${config.QUEUE_PREFIX}:unauth:` }));
  }
  if (authenticate) middleware.push(authenticate);
  if (config.RATE_LIMIT_ENABLED) {
    const limits = Object.fromEntries(Object.entries(DEFAULT_LIMITS).map(([tier, n]) => [tier, n * scale]));
    middleware.push(rateLimit({ redis, limits: limits as typeof DEFAULT_LIMITS }));
  }
  if (metrics) {
    observePools(metrics, () => databases.stats());
    observeQueues(metrics, [
      pipeline.queue,
      deliveries.queue,
      training.queue,
      ...(mailQueue ? [mailQueue.queue] : []),
    ]);
  }
  const app = createApp({
    config: { apiVersion: config.API_VERSION },
    observe: metrics ? httpMetrics(metrics, usage) : countRequests(usage),
    logger,
    db: { ping: () => base.sql`select 1` },
    redis,
    registry,
    middleware,
    mapError: (e) => {
      if (!(e instanceof PoolBusyError)) return undefined;
      metrics?.dbPoolBusy.inc();
      return new ApiError({
        code: "SERVICE_UNAVAILABLE",
        message: "the tenant's database is busy; retry shortly",
        headers: { "Retry-After": "1" },
        cause: e,
      });
    },
    ...(plugins.storageCheck
      ? { storageCheck: plugins.storageCheck }
      : documents
        ? { storageCheck: documents.storageCheck }
        : {}),
    ...(scanner ? { scannerCheck: () => scanner.ping() } : {}),
    routes: [
      registerAuditRoutes({ databases, key: auditKey, ...(cursorKey ? { cursorKey } : {}) }),
      registerNotificationRoutes({ databases }),
      ...(documents
        ? [
            registerRetentionRoutes({
              databases,
              driver: documents.driver,
              auditKey,
              logger,
              onDisposed: disposalNotifications(notifier),
            }),
          ]
        : []),
      ...(auth.val ? [auth.val.routes] : []),
      ...(documents ? [documents.routes] : []),
      ...(ai?.val ? [registerAiRoutes(ai.val)] : []),
      ...(documents
        ? [
            registerComplianceRoutes({
              databases,
              storage: documents.driver,
              policyFor: tenants.policyFor,
              ...keyed,
            }),
          ]
        : []),
      ...(secretBox
        ? [
            registerWebhookRoutes({
              databases,
              secretBox,
              auditKey,
              queue: deliveries,
              policy: { allowPrivate: config.WEBHOOKS_ALLOW_PRIVATE, allowHttp: config.WEBHOOKS_ALLOW_HTTP },
            }),
          ]
        : []),
      ...(plugins.routes ?? []).map((r) => (a: App) => r(a, services)),
    ],
  });
  // Started after the server is up; stopped first on shutdown (a pass in progress finishes).
  let sweeper: DocumentSweeper | undefined;
  const metricsServer =
    metrics && config.METRICS_PORT !== undefined
      ? await startMetricsServer({
          registry: metrics.registry,
          port: config.METRICS_PORT,
          host: config.METRICS_HOST,
          logger,
        })
      : undefined;
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
      async () => {
        await metricsServer?.close();
      },
      () => pipeline.close(),
      () => deliveries.queue.close(),
      async () => {
        await mailQueue?.close();
      },
      () => training.close(),
      () => usage.stop(),
      () => tenants.close(),
      () => base.close(),
      () => redis.quit().catch(() => redis.disconnect()),
    ],
  });
  sweeper = documents?.startSweeper();
  return { ...services, app, server, ...(metricsServer ? { metrics: metricsServer } : {}) };
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
