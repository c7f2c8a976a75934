// Azure Cache for Redis reached only through a private endpoint, TLS only (the non-TLS port off),
// TLS 1.2 minimum, and no eviction (BullMQ loses jobs when Redis evicts keys).
import * as redis from "@pulumi/azure-native/redis/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { TierSizing } from "../shared/index.ts";

/** The TLS port of Azure Cache for Redis. */
export const REDIS_TLS_PORT = 6380;

export interface RedisCacheArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly cacheName: string;
  readonly sizing: TierSizing;
  readonly tags: Readonly<Record<string, string>>;
}

export function redisCache(
  name: string,
  args: RedisCacheArgs,
  opts: pulumi.CustomResourceOptions,
): redis.Redis {
  const sku = args.sizing.azure.redisSku;
  return new redis.Redis(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      name: args.cacheName,
      sku: { name: sku.name, family: sku.family, capacity: sku.capacity },
      enableNonSslPort: false,
      minimumTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
      redisVersion: "6",
      ...(sku.name === "Premium" ? { replicasPerPrimary: Math.max(1, args.sizing.redisReplicas) } : {}),
      redisConfiguration: { maxmemoryPolicy: "noeviction" },
      tags: args.tags,
    },
    opts,
  );
}

/** The cache's primary access key (the runtime's Redis password), as a secret. */
export function redisPassword(cache: redis.Redis): pulumi.Output<string> {
  return pulumi.secret(cache.accessKeys.apply((k) => k.primaryKey));
}
