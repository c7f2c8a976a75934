// The documents wiring of the server entry (runtime/main.ts) from validated configuration: the
// storage driver (STORAGE_*), the routes, the storage health check and the orphan sweeper.
// Without STORAGE_KIND the runtime serves no document routes; with it, every missing or bad
// STORAGE_* variable is named.
import type { z } from "zod";
import type { App, Config, HealthCheck } from "../app/index.ts";
import type { TenantRegistry } from "../db/index.ts";
import {
  AzureStorageConfigSchema,
  createStorageDriver,
  GcsStorageConfigSchema,
  LocalStorageConfigSchema,
  S3StorageConfigSchema,
  type StorageConfig,
  type StorageDriver,
} from "../storage/index.ts";
import type { DocumentRouteDeps } from "./deps.ts";
import { registerDocumentExtras } from "./routes/extras.ts";
import { registerDocumentRoutes } from "./routes/index.ts";
import { type DocumentSweeper, startDocumentSweeper } from "./sweeper.ts";

/** Storage config field → the variable it comes from, to name variables in errors. */
const VARIABLE: Record<string, string> = {
  root: "STORAGE_PATH",
  bucket: "STORAGE_BUCKET",
  region: "STORAGE_REGION",
  endpoint: "STORAGE_ENDPOINT",
  apiEndpoint: "STORAGE_ENDPOINT",
  forcePathStyle: "STORAGE_FORCE_PATH_STYLE",
  "credentials.accessKeyId": "STORAGE_ACCESS_KEY_ID",
  "credentials.secretAccessKey": "STORAGE_SECRET_ACCESS_KEY",
  "serverSideEncryption.kmsKeyId": "STORAGE_KMS_KEY_ID",
  container: "STORAGE_CONTAINER",
  connectionString: "STORAGE_CONNECTION_STRING",
  accountUrl: "STORAGE_ACCOUNT_URL",
  accountName: "STORAGE_ACCOUNT_NAME",
  accountKey: "STORAGE_ACCOUNT_KEY",
  projectId: "STORAGE_PROJECT_ID",
};

function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The storage configuration the STORAGE_* variables describe; undefined without STORAGE_KIND. */
export function storageConfigFromEnv(
  c: Config,
): { val: StorageConfig | undefined; err?: undefined } | { val?: undefined; err: string } {
  if (!c.STORAGE_KIND) return { val: undefined };
  let schema: z.ZodType<StorageConfig>;
  let input: Record<string, unknown>;
  switch (c.STORAGE_KIND) {
    case "local":
      schema = LocalStorageConfigSchema;
      input = { kind: "local", root: c.STORAGE_PATH };
      break;
    case "s3":
      schema = S3StorageConfigSchema;
      input = defined({
        kind: "s3",
        bucket: c.STORAGE_BUCKET,
        region: c.STORAGE_REGION,
        endpoint: c.STORAGE_ENDPOINT,
        forcePathStyle: c.STORAGE_FORCE_PATH_STYLE,
        credentials:
          c.STORAGE_ACCESS_KEY_ID || c.STORAGE_SECRET_ACCESS_KEY
            ? { accessKeyId: c.STORAGE_ACCESS_KEY_ID, secretAccessKey: c.STORAGE_SECRET_ACCESS_KEY }
            : undefined,
        serverSideEncryption: c.STORAGE_SSE
          ? defined({
              type: c.STORAGE_SSE,
              kmsKeyId: c.STORAGE_SSE === "aws:kms" ? c.STORAGE_KMS_KEY_ID : undefined,
            })
          : undefined,
      });
      break;
    case "azure":
      if (c.STORAGE_CONNECTION_STRING) {
        schema = AzureStorageConfigSchema.options[0];
        input = {
          kind: "azure",
          container: c.STORAGE_CONTAINER,
          connectionString: c.STORAGE_CONNECTION_STRING,
        };
      } else {
        schema = AzureStorageConfigSchema.options[1];
        input = {
          kind: "azure",
          container: c.STORAGE_CONTAINER,
          accountUrl: c.STORAGE_ACCOUNT_URL,
          accountName: c.STORAGE_ACCOUNT_NAME,
          accountKey: c.STORAGE_ACCOUNT_KEY,
        };
      }
      break;
    case "gcs":
      schema = GcsStorageConfigSchema;
      input = defined({
        kind: "gcs",
        bucket: c.STORAGE_BUCKET,
        projectId: c.STORAGE_PROJECT_ID,
        apiEndpoint: c.STORAGE_ENDPOINT,
      });
      break;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return { val: parsed.data };
  const problems = parsed.error.issues.map((i) => {
    const field = i.path.map(String).join(".");
    const message = i.code === "invalid_type" && i.input === undefined ? "is required" : i.message;
    return `${VARIABLE[field] ?? `STORAGE (${field})`} ${message} for STORAGE_KIND=${c.STORAGE_KIND}`;
  });
  return { err: `invalid configuration: ${problems.join("; ")}` };
}

export interface DocumentsWiring {
  driver: StorageDriver;
  routes: (app: App) => void;
  storageCheck: HealthCheck;
  /** Starts the orphan sweeper (undefined when SWEEP_INTERVAL_SECONDS is 0). */
  startSweeper(): DocumentSweeper | undefined;
}

/** The documents wiring for a validated storage configuration (see storageConfigFromEnv). */
export function documentsWiring(
  storage: StorageConfig,
  c: Pick<Config, "SWEEP_INTERVAL_SECONDS" | "SWEEP_GRACE_SECONDS">,
  services: {
    databases: DocumentRouteDeps["databases"];
    registry: Pick<TenantRegistry, "list">;
    logger: NonNullable<Parameters<typeof startDocumentSweeper>[0]["logger"]>;
    auditKey?: DocumentRouteDeps["auditKey"];
    /** Signs list cursors (the deployment's key, so every replica accepts the others'). */
    cursorKey?: string;
    hooks?: DocumentRouteDeps["hooks"];
    /** Wraps the storage driver (runtime/metrics times its calls). */
    instrument?: (driver: StorageDriver) => StorageDriver;
  },
): DocumentsWiring {
  const created = createStorageDriver(storage);
  const driver = services.instrument ? services.instrument(created) : created;
  const deps: DocumentRouteDeps = {
    databases: services.databases,
    driver,
    ...(services.auditKey ? { auditKey: services.auditKey } : {}),
    ...(services.cursorKey ? { cursorKey: services.cursorKey } : {}),
    ...(services.hooks ? { hooks: services.hooks } : {}),
  };
  return {
    driver,
    // Fixed paths (/documents/search, /categories …) first: Hono matches in registration order,
    // and /documents/{id} would otherwise answer /documents/search with "id must be a uuid".
    routes: (app) => {
      registerDocumentExtras(deps)(app);
      registerDocumentRoutes(deps)(app);
    },
    storageCheck: () => driver.healthCheck(),
    startSweeper: () =>
      c.SWEEP_INTERVAL_SECONDS === 0
        ? undefined
        : startDocumentSweeper({
            driver,
            databases: services.databases,
            tenants: () => services.registry.list().map((l) => l.tenantId),
            intervalSeconds: c.SWEEP_INTERVAL_SECONDS,
            graceSeconds: c.SWEEP_GRACE_SECONDS,
            logger: services.logger,
          }),
  };
}
