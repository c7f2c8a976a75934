// What a tier may run in its namespace. The numbers size a tier's runtime (API, workers) with room
// for a rolling update; storage comes from the tenant's own limit so that raising it is an update of
// the quota, never a replacement of anything.
import type { Tier } from "./naming.ts";

export interface TenantLimits {
  readonly storageGiB: number;
  readonly documents: number;
  readonly requestsPerHour: number;
}

interface TierShape {
  pods: number;
  services: number;
  secrets: number;
  configMaps: number;
  persistentVolumeClaims: number;
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
  container: {
    defaultRequest: { cpu: string; memory: string };
    default: { cpu: string; memory: string };
    max: { cpu: string; memory: string };
  };
}

export const tierShapes: Readonly<Record<Tier, Readonly<TierShape>>> = {
  starter: {
    pods: 6,
    services: 3,
    secrets: 10,
    configMaps: 10,
    persistentVolumeClaims: 2,
    requests: { cpu: "2", memory: "4Gi" },
    limits: { cpu: "4", memory: "8Gi" },
    container: {
      defaultRequest: { cpu: "100m", memory: "128Mi" },
      default: { cpu: "500m", memory: "512Mi" },
      max: { cpu: "1", memory: "2Gi" },
    },
  },
  professional: {
    pods: 20,
    services: 10,
    secrets: 30,
    configMaps: 30,
    persistentVolumeClaims: 10,
    requests: { cpu: "8", memory: "16Gi" },
    limits: { cpu: "16", memory: "32Gi" },
    container: {
      defaultRequest: { cpu: "250m", memory: "256Mi" },
      default: { cpu: "1", memory: "1Gi" },
      max: { cpu: "4", memory: "8Gi" },
    },
  },
  enterprise: {
    pods: 100,
    services: 30,
    secrets: 100,
    configMaps: 100,
    persistentVolumeClaims: 50,
    requests: { cpu: "32", memory: "64Gi" },
    limits: { cpu: "64", memory: "128Gi" },
    container: {
      defaultRequest: { cpu: "500m", memory: "512Mi" },
      default: { cpu: "2", memory: "2Gi" },
      max: { cpu: "8", memory: "16Gi" },
    },
  },
};

/** `spec.hard` of the tenant's ResourceQuota. */
export function resourceQuotaHard(tier: Tier, limits: TenantLimits): Record<string, string> {
  const s = tierShapes[tier];
  return {
    pods: String(s.pods),
    services: String(s.services),
    secrets: String(s.secrets),
    configmaps: String(s.configMaps),
    persistentvolumeclaims: String(s.persistentVolumeClaims),
    "requests.cpu": s.requests.cpu,
    "requests.memory": s.requests.memory,
    "limits.cpu": s.limits.cpu,
    "limits.memory": s.limits.memory,
    "requests.storage": `${limits.storageGiB}Gi`,
  };
}

export interface LimitRangeItem {
  type: "Container" | "PersistentVolumeClaim";
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  max?: Record<string, string>;
}

/** `spec.limits` of the tenant's LimitRange: container defaults, and no claim beyond the storage limit. */
export function limitRangeItems(tier: Tier, limits: TenantLimits): LimitRangeItem[] {
  const c = tierShapes[tier].container;
  return [
    {
      type: "Container",
      defaultRequest: { ...c.defaultRequest },
      default: { ...c.default },
      max: { ...c.max },
    },
    { type: "PersistentVolumeClaim", max: { storage: `${limits.storageGiB}Gi` } },
  ];
}
