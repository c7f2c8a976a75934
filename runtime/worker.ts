// The worker entry: `node runtime/worker.ts` (`npm run worker`). Processes uploaded document
// versions through the pipeline (extract, classify, entities, standardize, compliance, index,
// notify), relays versions whose enqueue was lost (runtime/outbox), trains tenant classifiers in
// the background, delivers webhooks, disposes of documents whose retention ended
// (runtime/retention) and sends notification e-mail (runtime/notifications). Any number of workers
// may run against the same Redis: jobs are taken once, and a worker that dies mid-job has its job
// retried by another. SIGTERM/SIGINT let running jobs finish before exit.
import pino from "pino";
import { aiRouteDepsFromEnv } from "./ai/routes/from-env.ts";
import { startClassifierTrainingWorker } from "./ai/training/index.ts";
import { loadConfig } from "./app/index.ts";
import { tenantAuditKeys } from "./audit/index.ts";
import { createSecretBox, SECRET_PURPOSES } from "./auth/secret-box.ts";
import { DELIVERY_STATUSES } from "./db/schema/webhook-deliveries/constants.ts";
import { pipelineNotifier } from "./document-hooks.ts";
import { storageConfigFromEnv } from "./documents/index.ts";
import {
  countProcessedDocuments,
  createRuntimeMetrics,
  instrumentStorage,
  type MetricsServer,
  observePipelineWorker,
  observePools,
  observeQueues,
  observeWebhookWorker,
  startMetricsServer,
  startUsageCounters,
} from "./metrics/index.ts";
import {
  complianceFailures,
  createNotifier,
  disposalNotifications,
  MailQueue,
  quarantineNotifications,
  smtpMailer,
  startMailWorker,
} from "./notifications/index.ts";
import { startProcessingRelay } from "./outbox/index.ts";
import { pipelineHandlers } from "./pipeline/handlers/index.ts";
import { PIPELINE_STEPS, Pipeline, startPipelineWorker } from "./pipeline/index.ts";
import { databaseStepRecorder } from "./pipeline/record/index.ts";
import { queueConnection } from "./queues.ts";
import { startRetentionScheduler } from "./retention/index.ts";
import { scanSettingsFromEnv, startRescanner } from "./scan/index.ts";
import { createStorageDriver } from "./storage/index.ts";
import { startTenantServices } from "./tenant-services.ts";
import { DeliveryQueue, startWebhookWorker } from "./webhooks/index.ts";

/** Text beyond this is not classified: the first pages decide a document's type. */
const CLASSIFY_CHARS = 200_000;

export interface RunningWorker {
  /** The Prometheus endpoint, when METRICS_PORT is set. */
  metrics?: MetricsServer;
  /** Stops taking jobs, lets running ones finish, closes connections. */
  close(): Promise<void>;
}

export async function startWorker(env: Record<string, string | undefined>): Promise<RunningWorker> {
  const { val: config, err } = loadConfig(env);
  if (err !== undefined) throw new Error(err);
  const storage = storageConfigFromEnv(config);
  if (storage.err !== undefined) throw new Error(storage.err);
  const scanned = scanSettingsFromEnv(env);
  if (scanned.err !== undefined) throw new Error(scanned.err);
  const scan = scanned.val;
  if (!storage.val)
    throw new Error(
      "STORAGE_KIND (unset): the worker reads document bytes; set the same storage as the runtime's",
    );
  const logger = pino({ level: config.LOG_LEVEL, base: { service: "wspec-worker" } });
  const tenants = await startTenantServices(env, config, logger);
  // Metrics (runtime/metrics) when METRICS_PORT is set: step and delivery outcomes, storage
  // latency, queues, pools.
  const metrics = config.METRICS_PORT === undefined ? undefined : createRuntimeMetrics("worker");
  const created = createStorageDriver(storage.val);
  const driver = metrics ? instrumentStorage(created, metrics) : created;
  const ai = aiRouteDepsFromEnv(env, { databases: tenants.databases, storage: driver });
  if (ai.err !== undefined) {
    await tenants.close();
    throw new Error(ai.err);
  }
  const classifier = ai.val.classifier;
  const connection = queueConnection(config.REDIS_URL);
  const deliveries = new DeliveryQueue({ connection, prefix: config.QUEUE_PREFIX });
  const tenantIds = () => tenants.registry.list().map((l) => l.tenantId);
  // The same chain keys as the API (runtime/main.ts): what the worker appends (retention
  // certificates) must verify in the tenant's one chain.
  const rootKey =
    env.AUTH_JWT_PRIVATE_KEY && Buffer.from(env.AUTH_SECRET_BOX_KEY ?? "", "base64").length === 32
      ? env.AUTH_SECRET_BOX_KEY
      : undefined;
  const auditKey = tenantAuditKeys({
    tenantKey: (id) => tenants.registry.get(id)?.auditKey,
    ...(rootKey ? { rootKey } : {}),
  });
  // Notifications: e-mail only with SMTP configured (SMTP_*); in-app rows always.
  const mailer = smtpMailer(config);
  const mailQueue = mailer ? new MailQueue({ connection, prefix: config.QUEUE_PREFIX }) : undefined;
  const notifier = createNotifier({
    databases: tenants.databases,
    ...(mailQueue ? { queue: mailQueue } : {}),
    logger,
  });
  const webhookNotify = pipelineNotifier({ databases: tenants.databases, queue: deliveries });
  const notifyFailures = complianceFailures(notifier, tenants.databases);
  const pipeline = startPipelineWorker({
    connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    logger,
    recorder: databaseStepRecorder(tenants.databases),
    handlers: pipelineHandlers({
      databases: tenants.databases,
      storage: driver,
      policyFor: tenants.policyFor,
      // The region's countries (RUNTIME_REGION, PHONE_COUNTRIES), as POST /ai/extract reads them.
      ...(ai.val.phoneCountries ? { phoneCountries: ai.val.phoneCountries } : {}),
      classify: async (tenantId, text) => {
        const { label, confidence, model } = await classifier.classify(
          tenantId,
          text.slice(0, CLASSIFY_CHARS),
        );
        return { label, confidence, model };
      },
      notify: async (event) => {
        const queued = await webhookNotify(event);
        await notifyFailures(event).catch((err: Error) =>
          logger.warn({ err }, "compliance notification not created"),
        );
        return queued;
      },
    }),
  });
  // Versions whose enqueue was lost at upload (Redis down) reach the pipeline from the outbox.
  const producer = new Pipeline({ connection, prefix: config.QUEUE_PREFIX });
  // Uploads held while the virus scanner was down (or accepted unscanned, fail open) are scanned
  // again until it answers (runtime/scan).
  const rescanner =
    scan.client && scan.retryIntervalMs > 0
      ? startRescanner({
          databases: tenants.databases,
          storage: driver,
          client: scan.client,
          webhooks: { databases: tenants.databases, queue: deliveries },
          enqueue: (ref) => producer.enqueue(ref),
          tenants: () => tenants.registry.list().map((l) => l.tenantId),
          intervalMs: scan.retryIntervalMs,
          auditKey,
          onQuarantined: quarantineNotifications(notifier, logger),
          logger,
        })
      : undefined;
  const relay =
    config.OUTBOX_RELAY_INTERVAL_SECONDS === 0
      ? undefined
      : startProcessingRelay({
          databases: tenants.databases,
          tenants: () => tenants.registry.list().map((l) => l.tenantId),
          enqueue: (ref) => producer.enqueue(ref),
          intervalMs: config.OUTBOX_RELAY_INTERVAL_SECONDS * 1000,
          logger,
        });
  const mail =
    mailer && mailQueue
      ? await startMailWorker({
          connection,
          prefix: config.QUEUE_PREFIX,
          databases: tenants.databases,
          mailer,
          queue: mailQueue,
          tenants: tenantIds,
          logger,
          digestEveryMs: config.NOTIFY_DIGEST_INTERVAL_SECONDS * 1000,
        })
      : undefined;
  // Retention disposal on a BullMQ schedule: one scheduled run at a time, one runner per tenant.
  const retention =
    config.RETENTION_INTERVAL_SECONDS === 0
      ? undefined
      : await startRetentionScheduler({
          connection,
          prefix: config.QUEUE_PREFIX,
          everyMs: config.RETENTION_INTERVAL_SECONDS * 1000,
          tenants: tenantIds,
          deps: {
            databases: tenants.databases,
            driver,
            auditKey,
            logger,
            onDisposed: disposalNotifications(notifier),
          },
          logger,
        });
  const training = startClassifierTrainingWorker({
    connection,
    prefix: config.QUEUE_PREFIX,
    classifier,
    databases: tenants.databases,
    logger,
  });
  const webhooks = env.AUTH_SECRET_BOX_KEY
    ? startWebhookWorker({
        connection,
        prefix: config.QUEUE_PREFIX,
        databases: tenants.databases,
        secretBox: createSecretBox([{ id: "k1", key: env.AUTH_SECRET_BOX_KEY }], {
          purpose: SECRET_PURPOSES.webhookSecret,
        }),
        policy: { allowPrivate: config.WEBHOOKS_ALLOW_PRIVATE, allowHttp: config.WEBHOOKS_ALLOW_HTTP },
        logger,
      })
    : undefined;
  const metricsServer =
    metrics && config.METRICS_PORT !== undefined
      ? await startMetricsServer({
          registry: metrics.registry,
          port: config.METRICS_PORT,
          host: config.METRICS_HOST,
          logger,
        })
      : undefined;
  // Per-tenant usage for billing: documents fully processed (runtime/metrics/usage.ts).
  const usage = startUsageCounters({
    databases: tenants.databases,
    intervalMs: config.USAGE_FLUSH_SECONDS * 1000,
    logger,
  });
  countProcessedDocuments(pipeline.worker, PIPELINE_STEPS[PIPELINE_STEPS.length - 1] ?? "notify", usage);
  if (metrics) {
    observePipelineWorker(metrics, pipeline.worker, PIPELINE_STEPS);
    if (webhooks) observeWebhookWorker(metrics, webhooks.worker, DELIVERY_STATUSES);
    observePools(metrics, () => tenants.databases.stats());
    observeQueues(metrics, [producer.queue, deliveries.queue, ...(mailQueue ? [mailQueue.queue] : [])]);
  }
  if (!webhooks)
    logger.warn("AUTH_SECRET_BOX_KEY unset: webhook deliveries are not processed by this worker");
  logger.info({ concurrency: config.WORKER_CONCURRENCY, queuePrefix: config.QUEUE_PREFIX }, "worker started");
  let closing: Promise<void> | undefined;
  return {
    ...(metricsServer ? { metrics: metricsServer } : {}),
    close() {
      closing ??= (async () => {
        logger.info("worker stopping: running jobs finish first");
        await relay?.stop();
        await rescanner?.stop();
        await retention?.close();
        await mail?.close();
        await mailQueue?.close();
        await Promise.all([pipeline.close(), training.close(), webhooks?.close(), producer.close()]);
        await deliveries.queue.close();
        await usage.stop();
        await tenants.close();
        await metricsServer?.close();
        logger.info("worker stopped");
      })();
      return closing;
    },
  };
}

if (import.meta.main) {
  try {
    const worker = await startWorker(process.env);
    const stop = async () => {
      await worker.close();
      process.exit(0);
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  } catch (err) {
    process.stderr.write(`wspec-worker: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
