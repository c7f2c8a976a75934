// Memorystore for Redis on a private services address, AUTH required, TLS in transit, encrypted
// at rest with the tenant's key where given, and no eviction (BullMQ loses jobs when Redis evicts).
import * as redis from "@pulumi/gcp/redis/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { TierSizing } from "../shared/index.ts";

/** Memorystore serves TLS on 6378 when transit encryption is on. */
export const MEMORYSTORE_TLS_PORT = 6378;

export interface MemorystoreArgs {
  readonly project: string;
  readonly region: string;
  readonly instanceName: string;
  readonly networkId: pulumi.Input<string>;
  readonly kmsKeyId?: pulumi.Input<string>;
  readonly sizing: TierSizing;
  readonly deletionProtection: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export function memorystore(
  name: string,
  args: MemorystoreArgs,
  opts: pulumi.CustomResourceOptions,
): redis.Instance {
  return new redis.Instance(
    name,
    {
      project: args.project,
      region: args.region,
      name: args.instanceName,
      tier: args.sizing.gcp.redisTier,
      memorySizeGb: args.sizing.gcp.redisMemoryGb,
      redisVersion: "REDIS_7_2",
      authorizedNetwork: args.networkId,
      connectMode: "PRIVATE_SERVICE_ACCESS",
      authEnabled: true,
      transitEncryptionMode: "SERVER_AUTHENTICATION",
      ...(args.kmsKeyId ? { customerManagedKey: args.kmsKeyId } : {}),
      redisConfigs: { "maxmemory-policy": "noeviction" },
      deletionProtection: args.deletionProtection,
      labels: args.labels,
    },
    opts,
  );
}

export function memorystoreAuth(instance: redis.Instance): pulumi.Output<string> {
  return pulumi.secret(instance.authString);
}

/** The CA that signs the instance's server certificate (clients verify TLS against it). */
export function memorystoreCa(instance: redis.Instance): pulumi.Output<string> {
  return instance.serverCaCerts.apply((certs) => certs[0]?.cert ?? "");
}
