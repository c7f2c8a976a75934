// Storage configuration, validated with zod at the boundary, and the one factory that turns it into
// a driver. Parse errors name each bad field: `storage.s3.bucket: ...`.
import { isAbsolute } from "node:path";
import { z } from "zod";
import { AzureBlobStorageDriver } from "./azure.ts";
import { GcsStorageDriver } from "./gcs.ts";
import { LocalStorageDriver } from "./local.ts";
import { S3StorageDriver } from "./s3.ts";
import type { StorageDriver } from "./storage.ts";

// S3 bucket naming rules (3-63 lower-case letters, digits, dots, hyphens); GCS accepts the same.
const bucketName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    "must be 3-63 characters of [a-z0-9.-], starting and ending with a letter or digit",
  );
const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

export const LocalStorageConfigSchema = z.strictObject({
  kind: z.literal("local"),
  root: z.string().refine(isAbsolute, "must be an absolute path"),
  signing: z
    .strictObject({ baseUrl: url, secret: z.string().min(32, "must be at least 32 characters") })
    .optional(),
});

export const S3StorageConfigSchema = z.strictObject({
  kind: z.literal("s3"),
  bucket: bucketName,
  region: z.string().min(1, "is required"),
  endpoint: url.optional(),
  forcePathStyle: z.boolean().optional(),
  credentials: z
    .strictObject({
      accessKeyId: z.string().min(1, "is required"),
      secretAccessKey: z.string().min(1, "is required"),
      sessionToken: z.string().optional(),
    })
    .optional(),
  serverSideEncryption: z
    .discriminatedUnion("type", [
      z.strictObject({ type: z.literal("AES256") }),
      z.strictObject({ type: z.literal("aws:kms"), kmsKeyId: z.string().min(1).optional() }),
    ])
    .optional(),
  requestTimeoutMs: z.number().int().min(1000).max(3_600_000).optional(),
});

// Azure container names: 3-63 lower-case letters, digits and single hyphens.
const containerName = z
  .string()
  .regex(
    /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
    "must be 3-63 characters of [a-z0-9-], no double hyphen",
  );

export const AzureStorageConfigSchema = z.union([
  z.strictObject({ kind: z.literal("azure"), container: containerName, connectionString: z.string().min(1) }),
  z.strictObject({
    kind: z.literal("azure"),
    container: containerName,
    accountUrl: url,
    accountName: z.string().min(1, "is required"),
    accountKey: z.string().min(1, "is required"),
  }),
]);

export const GcsStorageConfigSchema = z.strictObject({
  kind: z.literal("gcs"),
  bucket: bucketName,
  projectId: z.string().min(1).optional(),
  apiEndpoint: url.optional(),
  credentials: z
    .strictObject({
      client_email: z.string().min(1, "is required"),
      private_key: z.string().min(1, "is required"),
    })
    .optional(),
});

export const StorageConfigSchema = z.union([
  LocalStorageConfigSchema,
  S3StorageConfigSchema,
  AzureStorageConfigSchema,
  GcsStorageConfigSchema,
]);
export type StorageConfig = z.infer<typeof StorageConfigSchema>;

const KINDS = ["local", "s3", "azure", "gcs"] as const;
const SCHEMAS = {
  local: LocalStorageConfigSchema,
  s3: S3StorageConfigSchema,
  azure: AzureStorageConfigSchema,
  gcs: GcsStorageConfigSchema,
} as const;

function formatIssues(issues: readonly z.core.$ZodIssue[], kind: string): string {
  return issues
    .map((i) => {
      const path = ["storage", kind, ...i.path.map(String)].join(".");
      return `${path}: ${i.message}`;
    })
    .join("; ");
}

/** Validates a storage configuration; the error lists every bad field by its path. */
export function parseStorageConfig(
  input: unknown,
): { val: StorageConfig; err?: never } | { val?: never; err: string } {
  const kind = (input as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string" || !(KINDS as readonly string[]).includes(kind)) {
    return { err: `storage.kind ${JSON.stringify(kind)} not in [${KINDS.join(", ")}]` };
  }
  const schema = SCHEMAS[kind as (typeof KINDS)[number]];
  const parsed = schema.safeParse(input);
  if (parsed.success) return { val: parsed.data };
  // Azure is a union of two shapes; report against the one the input aims at.
  if (kind === "azure" && parsed.error.issues[0]?.code === "invalid_union") {
    const aimed =
      input !== null && typeof input === "object" && "connectionString" in input
        ? AzureStorageConfigSchema.options[0]
        : AzureStorageConfigSchema.options[1];
    const again = aimed.safeParse(input);
    if (!again.success) return { err: formatIssues(again.error.issues, kind) };
  }
  return { err: formatIssues(parsed.error.issues, kind) };
}

/** Builds the driver a validated configuration describes. */
export function createStorageDriver(config: StorageConfig): StorageDriver {
  switch (config.kind) {
    case "local":
      return new LocalStorageDriver(config);
    case "s3":
      return new S3StorageDriver(config);
    case "azure":
      return new AzureBlobStorageDriver(config);
    case "gcs":
      return new GcsStorageDriver(config);
  }
}

/** Parses then builds; throws an Error whose message names every bad field. */
export function storageDriverFromConfig(input: unknown): StorageDriver {
  const { val, err } = parseStorageConfig(input);
  if (err !== undefined) throw new Error(`invalid storage configuration: ${err}`);
  return createStorageDriver(val);
}
