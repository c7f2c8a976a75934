export const TENANT_TIERS = ["starter", "professional", "enterprise"] as const;
export const TENANT_STATUSES = ["active", "suspended"] as const;
