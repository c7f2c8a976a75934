// Runtime configuration from the environment, validated once at start-up. Every bad variable is
// named with the value received and what is allowed; nothing reads process.env after this.
import { z } from "zod";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const pgUrl = z
  .string()
  .url()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgres:// URL");
const redisUrl = z
  .string()
  .url()
  .refine((v) => /^rediss?:\/\//.test(v), "must be a redis:// or rediss:// URL");

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORT: int(0, 65535).default(8080),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** The API version reported in every envelope's meta. */
    API_VERSION: z.string().min(1).default("2.0.0"),
    /** The app role's URL (no BYPASSRLS, owns nothing): every request's queries use it. */
    DATABASE_URL: pgUrl,
    /** A superuser/owner URL, used only to run migrations when MIGRATE_ON_START is true. */
    DATABASE_ADMIN_URL: pgUrl.optional(),
    MIGRATE_ON_START: bool.default(false),
    /** Password to set for the app login role when migrating (dev/local). */
    DATABASE_APP_PASSWORD: z.string().min(12).optional(),
    REDIS_URL: redisUrl,
    /** Connections one pool (a tenant's database or schema, or the shared pool) may hold. */
    DB_POOL_MAX_PER_TENANT: int(1, 100).default(10),
    /** Transactions one tenant may run at once, also inside a shared pool. */
    DB_TENANT_CONCURRENCY: int(1, 100).default(5),
    /** Connections all pools together may hold (the server's max_connections budget). */
    DB_POOL_MAX_TOTAL: int(1, 1000).default(50),
    /** A tenant pool unused this long is closed. */
    DB_POOL_IDLE_SECONDS: int(1, 86_400).default(300),
    /** A directory of mounted per-tenant Secrets, one sub-directory per tenant (pooled runtime). */
    TENANT_SECRETS_DIR: z.string().min(1).optional(),
    /** Re-read TENANT_SECRETS_DIR when it changes (fs.watch), so tenants come and go without a restart. */
    TENANT_SECRETS_WATCH: bool.default(true),
    /**
     * `kubernetes`: follow the operator's per-tenant Secrets through the Kubernetes API (KUBECONFIG,
     * else the in-cluster service account) and serve tenants as they appear, change and go.
     */
    TENANT_SECRETS_SOURCE: z.enum(["none", "kubernetes"]).default("none"),
    /** Only Secrets in this namespace (default: every namespace the service account may list). */
    TENANT_SECRETS_NAMESPACE: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
      .max(63)
      .optional(),
    /** More label requirements for those Secrets (a Kubernetes label selector: shards, tests). */
    TENANT_SECRETS_SELECTOR: z.string().min(1).optional(),
    /** Kubeconfig file for TENANT_SECRETS_SOURCE=kubernetes (default: in-cluster). */
    KUBECONFIG: z.string().min(1).optional(),
    SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(25_000),
    /**
     * Port of the Prometheus endpoint (GET /metrics), apart from the API's; unset: no metrics
     * server (the API and a worker on one host need different ports).
     */
    METRICS_PORT: int(0, 65535).optional(),
    /** Address the metrics endpoint binds; loopback unless the scraper is elsewhere (a pod's IP, 0.0.0.0). */
    METRICS_HOST: z.string().min(1).default("127.0.0.1"),
    /** Seconds between writes of the per-tenant usage counters (billing) to the tenants' databases. */
    USAGE_FLUSH_SECONDS: int(1, 3600).default(60),
    /** Off only for local experiments: X-RateLimit-* and 429 come from Redis. */
    RATE_LIMIT_ENABLED: bool.default(true),
    /**
     * Multiplies every rate limit (the tiers' hourly requests and the unauthenticated buckets) for
     * a deployment that is driven on purpose (the fuzzer's, a load test's). 1 in production.
     */
    RATE_LIMIT_SCALE: int(1, 100_000).default(1),
    /** Where document bytes live (runtime/storage); unset: the runtime serves no document routes. */
    STORAGE_KIND: z.enum(["local", "s3", "azure", "gcs"]).optional(),
    /** local: the root directory (absolute). */
    STORAGE_PATH: z.string().min(1).optional(),
    /** s3 and gcs: the bucket. */
    STORAGE_BUCKET: z.string().min(1).optional(),
    /** s3: the region. */
    STORAGE_REGION: z.string().min(1).optional(),
    /** s3: a custom endpoint (moto, MinIO); gcs: the API endpoint (fake-gcs-server). */
    STORAGE_ENDPOINT: z.url().optional(),
    STORAGE_FORCE_PATH_STYLE: bool.optional(),
    /** s3: static credentials (otherwise the SDK's default chain: IRSA, instance profile). */
    STORAGE_ACCESS_KEY_ID: z.string().min(1).optional(),
    STORAGE_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    STORAGE_SSE: z.enum(["AES256", "aws:kms"]).optional(),
    STORAGE_KMS_KEY_ID: z.string().min(1).optional(),
    /** azure: the container, and a connection string or account URL + name + key. */
    STORAGE_CONTAINER: z.string().min(1).optional(),
    STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
    STORAGE_ACCOUNT_URL: z.url().optional(),
    STORAGE_ACCOUNT_NAME: z.string().min(1).optional(),
    STORAGE_ACCOUNT_KEY: z.string().min(1).optional(),
    /** gcs: the project. */
    STORAGE_PROJECT_ID: z.string().min(1).optional(),
    /** Seconds between orphan sweeps of document storage; 0 turns the sweeper off. */
    SWEEP_INTERVAL_SECONDS: int(0, 7 * 86_400).default(3600),
    /** Objects younger than this are never swept (an upload between its put and its commit). */
    SWEEP_GRACE_SECONDS: int(60, 7 * 86_400).default(3600),
    /** Webhooks may reach private, loopback and link-local addresses (local development only). */
    /** Key prefix of the BullMQ queues (pipeline, webhooks) in Redis: one per environment. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,30}$/, "lowercase letters, digits and '-', starting with a letter")
      .default("wspec"),
    /** Documents processed at once by one worker process (`npm run worker`). */
    WORKER_CONCURRENCY: int(1, 64).default(4),
    /** Seconds between passes of the processing outbox relay (worker); 0 turns it off. */
    OUTBOX_RELAY_INTERVAL_SECONDS: int(0, 3600).default(5),
    /** Seconds between retention disposal runs (a BullMQ repeatable job); 0 turns them off. */
    RETENTION_INTERVAL_SECONDS: int(0, 7 * 86_400).default(3600),
    /** The SMTP server notifications are sent through; unset: in-app notifications only. */
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: int(1, 65_535).default(587),
    /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
    SMTP_SECURE: bool.default(false),
    /** Refuse to send unless the connection is upgraded with STARTTLS. */
    SMTP_REQUIRE_TLS: bool.default(false),
    /** false accepts a self-signed server certificate (local development only). */
    SMTP_TLS_REJECT_UNAUTHORIZED: bool.default(true),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().min(1).optional(),
    SMTP_FROM: z.email().default("wspec@localhost.localdomain"),
    /** Seconds between daily-digest runs (users who chose "digest"). */
    NOTIFY_DIGEST_INTERVAL_SECONDS: int(60, 7 * 86_400).default(86_400),
    WEBHOOKS_ALLOW_PRIVATE: bool.default(false),
    /** Webhooks may use plain http:// (local development only; otherwise https only). */
    WEBHOOKS_ALLOW_HTTP: bool.default(false),
  })
  .superRefine((v, ctx) => {
    if (v.MIGRATE_ON_START && !v.DATABASE_ADMIN_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_ADMIN_URL"],
        message: "is required when MIGRATE_ON_START is true",
      });
    }
    if ((v.SMTP_USER === undefined) !== (v.SMTP_PASSWORD === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [v.SMTP_USER === undefined ? "SMTP_USER" : "SMTP_PASSWORD"],
        message: "SMTP_USER and SMTP_PASSWORD are set together or not at all",
      });
    }
    if (v.DB_POOL_MAX_PER_TENANT > v.DB_POOL_MAX_TOTAL) {
      ctx.addIssue({
        code: "custom",
        path: ["DB_POOL_MAX_PER_TENANT"],
        message: `${v.DB_POOL_MAX_PER_TENANT} exceeds DB_POOL_MAX_TOTAL (${v.DB_POOL_MAX_TOTAL})`,
      });
    }
  });
export type Config = z.infer<typeof ConfigSchema>;

const SECRET = /PASSWORD|_URL$|_KEY$|CONNECTION_STRING/;

/**
 * Parses the environment. `err` names every bad variable and the value received (secrets masked),
 * e.g. `PORT "abc": Invalid input: expected number, received NaN`.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
): { val: Config; err?: undefined } | { val?: undefined; err: string } {
  const input = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]),
  );
  const parsed = ConfigSchema.safeParse(input);
  if (parsed.success) return { val: parsed.data };
  const lines = parsed.error.issues.map((i) => {
    const name = String(i.path[0] ?? "environment");
    const raw = env[name];
    const shown =
      raw === undefined || raw === "" ? "(unset)" : SECRET.test(name) ? "(set, hidden)" : JSON.stringify(raw);
    return `${name} ${shown}: ${i.message}`;
  });
  return { err: `invalid configuration: ${lines.join("; ")}` };
}
