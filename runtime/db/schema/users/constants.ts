/** The seed's five roles: declared once, with their permissions, in runtime/auth/rbac.ts. */
export { ROLES as USER_ROLES } from "../../../auth/rbac.ts";
export const USER_STATUSES = ["active", "disabled"] as const;
