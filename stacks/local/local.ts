// The local target: a tenant on the machine's own services, so the whole provisioning path runs
// with no cloud account. PostgreSQL, the storage root and Redis come from dynamic providers
// (./postgres-tenant.ts, ./storage-dir.ts, ./redis-acl-user.ts); the namespace and what isolates it
// come from @pulumi/kubernetes on the local cluster.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { tenantNamespaceObjects } from "../shared/tenant-namespace.ts";
import { type LocalTenantArgs, validateLocalTenantArgs } from "./args.ts";
import { AuditKey } from "./audit-key.ts";
import { CONNECTION_SECRET, type TenantNames, type Tier, tenantNames } from "./naming.ts";
import type { Credentials, DatabaseInfo, RedisInfo, SecretRef, StorageInfo } from "./outputs.ts";
import { PostgresTenant, postgresTenantArgs } from "./postgres-tenant.ts";
import { RedisAclUser } from "./redis-acl-user.ts";
import { StorageDir } from "./storage-dir.ts";

export const LOCAL_TENANT_TYPE = "wspec:local:Tenant";

export { POD_SECURITY_LEVEL } from "../shared/tenant-namespace.ts";

/** One tenant on the local target. */
export class LocalTenant extends pulumi.ComponentResource {
  public readonly tenantId: string;
  public readonly tier: Tier;
  public readonly database: pulumi.Output<DatabaseInfo>;
  public readonly storage: pulumi.Output<StorageInfo>;
  public readonly redis: pulumi.Output<RedisInfo>;
  public readonly namespace: pulumi.Output<string>;
  public readonly connectionSecret: pulumi.Output<SecretRef>;
  /** Passwords and URLs that embed them: a secret output. */
  public readonly credentials: pulumi.Output<Credentials>;
  /**
   * The Kubernetes provider of the tenant's objects, for whatever else the program puts in the
   * same cluster (the runtime): every provider instance is a plugin process per operation.
   */
  public readonly cluster: k8s.Provider;

  constructor(name: string, args: LocalTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super(LOCAL_TENANT_TYPE, name, {}, opts);
    const { val, err } = validateLocalTenantArgs(args);
    if (err !== undefined) throw new Error(err);
    const { tenantId, tier, limits, connections } = val;
    const names = tenantNames(tenantId, tier);
    const pgServer = serverAddress(connections.postgresAdminUrl, 5432);
    const redisServer = serverAddress(connections.redisAdminUrl, 6379);
    this.tenantId = tenantId;
    this.tier = tier;

    const pg = new PostgresTenant(
      `${name}-postgres`,
      postgresTenantArgs(connections.postgresAdminUrl, tier, names),
      { parent: this },
    );
    const dir = new StorageDir(
      `${name}-storage`,
      { storageRoot: connections.storageRoot, name: tenantId },
      { parent: this },
    );
    // The key of the tenant's audit chain (runtime/audit): the runtime reads it from the Secret.
    const auditKey = new AuditKey(`${name}-audit-key`, { tenantId }, { parent: this });
    const redis = new RedisAclUser(
      `${name}-redis`,
      { adminUrl: connections.redisAdminUrl, user: names.redisUser, keyPrefix: names.keyPrefix },
      { parent: this },
    );

    this.database = pulumi.output({
      host: pgServer.host,
      port: pgServer.port,
      name: names.database,
      schema: names.schema,
      user: pg.role,
    });
    this.storage = pulumi.output({ path: dir.path });
    this.redis = pulumi.output({
      host: redisServer.host,
      port: redisServer.port,
      user: redis.user,
      keyPrefix: redis.keyPrefix,
    });
    this.credentials = pulumi.secret(
      pulumi.all([pg.password, redis.password]).apply(([databasePassword, redisPassword]) => ({
        databaseUrl: withCredentials(
          connections.postgresAdminUrl,
          names.role,
          databasePassword,
          names.database,
        ),
        databasePassword,
        redisUrl: withCredentials(connections.redisAdminUrl, names.redisUser, redisPassword),
        redisPassword,
      })),
    );

    // The kubeconfig holds the cluster's admin credentials: a secret in the provider's state.
    // Mutable Secrets: a limit change updates the connection Secret in place instead of deleting
    // and recreating it (the provider's default), which would leave the runtime without it.
    const cluster = new k8s.Provider(
      `${name}-cluster`,
      { kubeconfig: pulumi.secret(connections.kubeconfig), enableSecretMutable: true },
      { parent: this },
    );
    this.cluster = cluster;
    const inCluster = { parent: this, provider: cluster };
    const labels = {
      ...(val.labels ?? {}),
      "wspec.io/tenant": tenantId,
      "app.kubernetes.io/managed-by": "wspec",
    };

    const namespace = tenantNamespaceObjects(
      name,
      {
        namespace: names.namespace,
        tenantId,
        tier,
        limits,
        labels: val.labels ?? {},
        admins: val.admins,
        // status.hard is filled by the quota controller; the provider would wait for it, and the
        // local control plane runs none.
        skipQuotaAwait: true,
      },
      inCluster,
    );
    const secret = new k8s.core.v1.Secret(
      `${name}-connection`,
      {
        metadata: { name: CONNECTION_SECRET, namespace, labels },
        type: "Opaque",
        stringData: {
          ...connectionData(names, val, pgServer, redisServer, this.credentials, dir.path),
          AUDIT_HMAC_KEY: auditKey.key,
        },
      },
      inCluster,
    );

    this.namespace = namespace;
    this.connectionSecret = pulumi.output({
      name: secret.metadata.name,
      namespace: secret.metadata.namespace,
    });
    this.registerOutputs({
      database: this.database,
      storage: this.storage,
      redis: this.redis,
      namespace: this.namespace,
      connectionSecret: this.connectionSecret,
      credentials: this.credentials,
    });
  }
}

interface ServerAddress {
  host: string;
  port: number;
}

/** Host and port of a service URL (brackets kept off IPv6 hosts). */
export function serverAddress(url: string, defaultPort: number): ServerAddress {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[(.*)\]$/, "$1"), port: u.port ? Number(u.port) : defaultPort };
}

/** The admin URL's server and options with the tenant's user and password (and database). */
export function withCredentials(adminUrl: string, user: string, password: string, database?: string): string {
  const u = new URL(adminUrl);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  if (database !== undefined) u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The Secret's keys are environment variable names: the runtime mounts it with envFrom. */
function connectionData(
  names: TenantNames,
  args: LocalTenantArgs,
  pg: ServerAddress,
  redis: ServerAddress,
  credentials: pulumi.Output<Credentials>,
  storagePath: pulumi.Output<string>,
): pulumi.Input<Record<string, pulumi.Input<string>>> {
  return {
    TENANT_ID: args.tenantId,
    TENANT_TIER: args.tier,
    DATABASE_URL: credentials.databaseUrl,
    DATABASE_HOST: pg.host,
    DATABASE_PORT: String(pg.port),
    DATABASE_NAME: names.database,
    DATABASE_SCHEMA: names.schema,
    DATABASE_USER: names.role,
    DATABASE_PASSWORD: credentials.databasePassword,
    REDIS_URL: credentials.redisUrl,
    REDIS_HOST: redis.host,
    REDIS_PORT: String(redis.port),
    REDIS_USER: names.redisUser,
    REDIS_PASSWORD: credentials.redisPassword,
    REDIS_KEY_PREFIX: names.keyPrefix,
    STORAGE_PATH: storagePath,
    LIMIT_STORAGE_GIB: String(args.limits.storageGiB),
    LIMIT_DOCUMENTS: String(args.limits.documents),
    LIMIT_REQUESTS_PER_HOUR: String(args.limits.requestsPerHour),
    ...(args.compliance ? { COMPLIANCE_POLICY: JSON.stringify(args.compliance) } : {}),
  };
}

/** The stack outputs of `localTenantProgram`; `credentials` is the only secret. */
export interface LocalTenantProgramOutputs {
  tenantId: string;
  tier: Tier;
  database: pulumi.Output<DatabaseInfo>;
  storage: pulumi.Output<StorageInfo>;
  redis: pulumi.Output<RedisInfo>;
  namespace: pulumi.Output<string>;
  connectionSecret: pulumi.Output<SecretRef>;
  credentials: pulumi.Output<Credentials>;
}

/**
 * An inline Pulumi program for one local tenant. Args are validated here, before any stack is
 * touched: an invalid spec throws with every problem named, and no engine run starts.
 *
 * @example
 * const stack = await LocalWorkspace.createOrSelectStack(
 *   { stackName, projectName, program: localTenantProgram(args) }, options);
 */
export function localTenantProgram(args: LocalTenantArgs): () => Promise<LocalTenantProgramOutputs> {
  const { val, err } = validateLocalTenantArgs(args);
  if (err !== undefined) throw new Error(err);
  return async () => {
    const tenant = new LocalTenant(val.tenantId, val);
    return {
      tenantId: tenant.tenantId,
      tier: tenant.tier,
      database: tenant.database,
      storage: tenant.storage,
      redis: tenant.redis,
      namespace: tenant.namespace,
      connectionSecret: tenant.connectionSecret,
      credentials: tenant.credentials,
    };
  };
}
