// Pod resources and autoscaling bounds of the runtime per tier: requests are what the scheduler
// reserves, limits what one pod may burst to. Pooled tiers fit inside their namespace's LimitRange
// and ResourceQuota (stacks/local/quota.ts); enterprise silos have nodes of their own.
import type { Tier } from "../../crds/constants.ts";

export interface RuntimeSizing {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
  /** The HPA's ceiling; its floor is the Tenant's spec.runtime.replicas. */
  readonly maxReplicas: number;
  /** Average CPU utilisation (of requests) the HPA keeps. */
  readonly targetCpuPercent: number;
}

export const RUNTIME_SIZING: Readonly<Record<Tier, RuntimeSizing>> = {
  starter: {
    requests: { cpu: "100m", memory: "256Mi" },
    limits: { cpu: "500m", memory: "512Mi" },
    maxReplicas: 3,
    targetCpuPercent: 75,
  },
  professional: {
    requests: { cpu: "250m", memory: "512Mi" },
    limits: { cpu: "1", memory: "1Gi" },
    maxReplicas: 6,
    targetCpuPercent: 70,
  },
  enterprise: {
    requests: { cpu: "500m", memory: "1Gi" },
    limits: { cpu: "2", memory: "2Gi" },
    maxReplicas: 20,
    targetCpuPercent: 65,
  },
};
