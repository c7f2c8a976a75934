// What a cloud tenant's runtime connects with: the same environment keys stacks/local writes into
// its connection Secret (runtime/db `locationFromSecret` reads them), plus the keys that say where
// the tenant's objects live on this cloud. Cloud-neutral: the Azure and GCP stacks both build it.
import * as pulumi from "@pulumi/pulumi";
import type { Tier } from "../../crds/constants.ts";
import type { TenantLimits } from "../local/quota.ts";

export interface DatabaseEndpoint {
  readonly host: pulumi.Input<string>;
  readonly port: number;
  readonly name: string;
  readonly schema: string;
  readonly user: pulumi.Input<string>;
  readonly password: pulumi.Input<string>;
}

export interface RedisEndpoint {
  readonly host: pulumi.Input<string>;
  readonly port: pulumi.Input<number>;
  /** Empty: the service has one password and no users (Azure Cache, Memorystore AUTH). */
  readonly user: string;
  readonly password: pulumi.Input<string>;
  readonly keyPrefix: string;
}

export interface ConnectionParts {
  readonly tenantId: string;
  readonly tier: Tier;
  readonly database: DatabaseEndpoint;
  readonly redis: RedisEndpoint;
  /** STORAGE_* keys: where the tenant's objects live on this cloud. */
  readonly storage: Readonly<Record<string, pulumi.Input<string>>>;
  /** Cloud-specific keys (REDIS_TLS_CA, ...). */
  readonly extra?: Readonly<Record<string, pulumi.Input<string>>>;
  readonly limits: TenantLimits;
}

/** The Secret's data (keys are environment variable names); a secret output as a whole. */
export function connectionData(parts: ConnectionParts): pulumi.Output<Record<string, string>> {
  const { database: db, redis } = parts;
  const data = pulumi
    .all([
      db.host,
      db.user,
      db.password,
      redis.host,
      redis.port,
      redis.password,
      pulumi.output(parts.storage),
      pulumi.output(parts.extra ?? {}),
    ])
    .apply(
      ([dbHost, dbUser, dbPassword, redisHost, redisPort, redisPassword, storage, extra]): Record<
        string,
        string
      > => ({
        TENANT_ID: parts.tenantId,
        TENANT_TIER: parts.tier,
        // Every cloud database here refuses unencrypted connections; the URL says so to the client.
        DATABASE_URL: postgresUrl(dbHost, db.port, dbUser, dbPassword, db.name),
        DATABASE_HOST: dbHost,
        DATABASE_PORT: String(db.port),
        DATABASE_NAME: db.name,
        DATABASE_SCHEMA: db.schema,
        DATABASE_USER: dbUser,
        DATABASE_PASSWORD: dbPassword,
        DATABASE_SSLMODE: "require",
        REDIS_URL: redisUrl(redisHost, redisPort, redis.user, redisPassword),
        REDIS_HOST: redisHost,
        REDIS_PORT: String(redisPort),
        REDIS_USER: redis.user,
        REDIS_PASSWORD: redisPassword,
        REDIS_KEY_PREFIX: redis.keyPrefix,
        REDIS_TLS: "true",
        ...storage,
        ...extra,
        LIMIT_STORAGE_GIB: String(parts.limits.storageGiB),
        LIMIT_DOCUMENTS: String(parts.limits.documents),
        LIMIT_REQUESTS_PER_HOUR: String(parts.limits.requestsPerHour),
      }),
    );
  return pulumi.secret(data) as pulumi.Output<Record<string, string>>;
}

export function postgresUrl(
  host: string,
  port: number,
  user: string,
  password: string,
  database: string,
): string {
  const u = new URL("postgres://placeholder");
  u.hostname = host;
  u.port = String(port);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  u.pathname = `/${encodeURIComponent(database)}`;
  u.searchParams.set("sslmode", "require");
  return u.toString();
}

/** `rediss://` only: both clouds' Redis here accept TLS connections alone. */
export function redisUrl(host: string, port: number, user: string, password: string): string {
  const u = new URL("rediss://placeholder");
  u.hostname = host;
  u.port = String(port);
  if (user) u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}
