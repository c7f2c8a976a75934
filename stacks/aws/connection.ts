// What the runtime connects with, under the keys of the local stack's connection Secret
// (stacks/local/local.ts connectionData) so runtime/db's locationFromSecret reads an AWS tenant as
// it reads a local one; S3 location keys are added for the storage driver. Pure: the components
// call it inside an apply and mark the result secret.

import type { Tier } from "../../crds/constants.ts";
import type { ResolvedLimits } from "../../crds/defaults.ts";

export interface ConnectionParts {
  readonly tenantId: string;
  readonly tier: Tier;
  readonly database: {
    readonly host: string;
    readonly port: number;
    readonly name: string;
    readonly schema: string;
    readonly user: string;
    readonly password: string;
  };
  readonly redis: {
    readonly host: string;
    readonly port: number;
    /** "default" for a cache with an AUTH token. */
    readonly user: string;
    readonly password: string;
    readonly keyPrefix: string;
  };
  readonly storage: {
    readonly bucket: string;
    /** "" or "tenants/<id>/". */
    readonly prefix: string;
    readonly region: string;
    readonly kmsKeyArn: string;
  };
  readonly limits: ResolvedLimits;
}

const enc = encodeURIComponent;

/** The Secret's data; keys are environment variable names (the runtime mounts it with envFrom). */
export function connectionData(p: ConnectionParts): Record<string, string> {
  const { database: db, redis, storage } = p;
  return {
    TENANT_ID: p.tenantId,
    TENANT_TIER: p.tier,
    // Aurora forces TLS (rds.force_ssl); the URL says so too, so a client never tries plain text.
    DATABASE_URL: `postgres://${enc(db.user)}:${enc(db.password)}@${db.host}:${db.port}/${enc(db.name)}?sslmode=require`,
    DATABASE_HOST: db.host,
    DATABASE_PORT: String(db.port),
    DATABASE_NAME: db.name,
    DATABASE_SCHEMA: db.schema,
    DATABASE_USER: db.user,
    DATABASE_PASSWORD: db.password,
    // rediss: ElastiCache requires TLS in transit.
    REDIS_URL: `rediss://${enc(redis.user)}:${enc(redis.password)}@${redis.host}:${redis.port}`,
    REDIS_HOST: redis.host,
    REDIS_PORT: String(redis.port),
    REDIS_USER: redis.user,
    REDIS_PASSWORD: redis.password,
    REDIS_KEY_PREFIX: redis.keyPrefix,
    STORAGE_PATH: `s3://${storage.bucket}/${storage.prefix}`,
    STORAGE_KIND: "s3",
    STORAGE_BUCKET: storage.bucket,
    STORAGE_PREFIX: storage.prefix,
    STORAGE_REGION: storage.region,
    STORAGE_SSE: "aws:kms",
    STORAGE_KMS_KEY_ID: storage.kmsKeyArn,
    LIMIT_STORAGE_GIB: String(p.limits.storageGiB),
    LIMIT_DOCUMENTS: String(p.limits.documents),
    LIMIT_REQUESTS_PER_HOUR: String(p.limits.requestsPerHour),
  };
}
