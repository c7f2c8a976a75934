// The tier → sizing table, one place for every cloud. enterprise sizes a tenant's own silo;
// professional and starter size the shared pool platform their tenants are placed on (a pooled
// tenant gets a namespace quota there, see stacks/local/quota.ts, not machines of its own).
import type { Tier } from "../../crds/constants.ts";

export interface NodeCounts {
  readonly min: number;
  readonly desired: number;
  readonly max: number;
}

export interface TierSizing {
  readonly nodes: NodeCounts;
  /** Database instances (Aurora writer + readers; a standby elsewhere counts as one more). */
  readonly dbInstances: number;
  /** Allocated database storage where the service needs it (Azure, GCP; Aurora grows by itself). */
  readonly dbStorageGiB: number;
  /** The floor for backup retention; a profile asking for more wins (see stackProfile). */
  readonly backupRetentionDays: number;
  /** Redis replicas besides the primary (0: a single node). */
  readonly redisReplicas: number;
  readonly aws: {
    readonly nodeInstanceType: string;
    readonly dbInstanceClass: string;
    readonly redisNodeType: string;
  };
  readonly azure: {
    readonly nodeVmSize: string;
    readonly dbSkuName: string;
    readonly dbSkuTier: "Burstable" | "GeneralPurpose" | "MemoryOptimized";
    readonly redisSku: {
      readonly name: "Basic" | "Standard" | "Premium";
      readonly family: "C" | "P";
      readonly capacity: number;
    };
  };
  readonly gcp: {
    readonly nodeMachineType: string;
    readonly dbTier: string;
    readonly redisTier: "BASIC" | "STANDARD_HA";
    readonly redisMemoryGb: number;
  };
}

export const TIER_SIZING: Readonly<Record<Tier, TierSizing>> = {
  enterprise: {
    nodes: { min: 3, desired: 3, max: 10 },
    dbInstances: 2,
    dbStorageGiB: 500,
    backupRetentionDays: 14,
    redisReplicas: 1,
    aws: {
      nodeInstanceType: "m6i.xlarge",
      dbInstanceClass: "db.r6g.large",
      redisNodeType: "cache.r6g.large",
    },
    azure: {
      nodeVmSize: "Standard_D4s_v5",
      dbSkuName: "Standard_D4ds_v5",
      dbSkuTier: "GeneralPurpose",
      redisSku: { name: "Premium", family: "P", capacity: 1 },
    },
    gcp: {
      nodeMachineType: "n2-standard-4",
      dbTier: "db-custom-4-16384",
      redisTier: "STANDARD_HA",
      redisMemoryGb: 5,
    },
  },
  professional: {
    nodes: { min: 2, desired: 3, max: 6 },
    dbInstances: 2,
    dbStorageGiB: 200,
    backupRetentionDays: 7,
    redisReplicas: 1,
    aws: { nodeInstanceType: "m6i.large", dbInstanceClass: "db.r6g.large", redisNodeType: "cache.m6g.large" },
    azure: {
      nodeVmSize: "Standard_D2s_v5",
      dbSkuName: "Standard_D2ds_v5",
      dbSkuTier: "GeneralPurpose",
      redisSku: { name: "Standard", family: "C", capacity: 1 },
    },
    gcp: {
      nodeMachineType: "n2-standard-2",
      dbTier: "db-custom-2-8192",
      redisTier: "STANDARD_HA",
      redisMemoryGb: 2,
    },
  },
  starter: {
    nodes: { min: 1, desired: 2, max: 3 },
    dbInstances: 1,
    dbStorageGiB: 32,
    backupRetentionDays: 7,
    redisReplicas: 0,
    aws: { nodeInstanceType: "t3.large", dbInstanceClass: "db.t4g.medium", redisNodeType: "cache.t4g.small" },
    azure: {
      nodeVmSize: "Standard_B2s",
      dbSkuName: "Standard_B1ms",
      dbSkuTier: "Burstable",
      redisSku: { name: "Standard", family: "C", capacity: 0 },
    },
    gcp: {
      nodeMachineType: "e2-standard-2",
      dbTier: "db-custom-1-3840",
      redisTier: "BASIC",
      redisMemoryGb: 1,
    },
  },
};

export function tierSizing(tier: Tier): TierSizing {
  const sizing = TIER_SIZING[tier];
  if (!sizing) throw new Error(`sizing: tier "${tier}" not in [${Object.keys(TIER_SIZING).join(", ")}]`);
  return sizing;
}
