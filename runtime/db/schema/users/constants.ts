/** The seed's five roles. */
export const USER_ROLES = [
  "global-admin",
  "tenant-admin",
  "compliance-officer",
  "document-manager",
  "end-user",
] as const;
export const USER_STATUSES = ["active", "disabled"] as const;
