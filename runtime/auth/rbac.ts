// Roles and permissions, declared once as data. Every check (`can`, `allows`, the middleware, the
// role-matrix tests) derives from ROLE_PERMISSIONS; nothing else lists who may do what.

export const ROLES = [
  "global-admin",
  "tenant-admin",
  "compliance-officer",
  "document-manager",
  "end-user",
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "documents:read",
  "documents:read-all",
  "documents:write",
  "documents:delete",
  "documents:share",
  "documents:hold",
  "categories:manage",
  "users:manage",
  "apikeys:manage",
  "audit:read",
  "compliance:read",
  "compliance:run",
  "tenants:manage",
  "webhooks:manage",
  "ai:train",
  "retention:read",
  "retention:run",
  "notifications:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The permission matrix. global-admin operates the platform (all tenants); tenant-admin runs one
 * tenant (everything but creating tenants); compliance-officer reviews (read, audit, run checks)
 * and places legal holds but never changes documents; document-manager curates documents and
 * categories; end-user uploads and reads only what it created or what was shared with it
 * (documents:read-all is what lifts that restriction). Retention disposal destroys data, so only
 * admins run it (retention:run); everyone reads their own notifications (notifications:read).
 */
export const ROLE_PERMISSIONS: { readonly [R in Role]: readonly Permission[] } = {
  "global-admin": PERMISSIONS,
  "tenant-admin": PERMISSIONS.filter((p) => p !== "tenants:manage"),
  "compliance-officer": [
    "documents:read",
    "documents:read-all",
    "documents:hold",
    "audit:read",
    "compliance:read",
    "compliance:run",
    "retention:read",
    "notifications:read",
  ],
  "document-manager": [
    "documents:read",
    "documents:read-all",
    "documents:write",
    "documents:delete",
    "documents:share",
    "categories:manage",
    "compliance:read",
    "ai:train",
    "notifications:read",
  ],
  "end-user": ["documents:read", "documents:write", "notifications:read"],
};

const MATRIX: ReadonlyMap<Role, ReadonlySet<Permission>> = new Map(
  ROLES.map((role) => [role, new Set(ROLE_PERMISSIONS[role])]),
);

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && (PERMISSIONS as readonly string[]).includes(value);
}

/** Whether a role holds a permission (unknown roles hold nothing). */
export function can(role: Role, permission: Permission): boolean {
  return MATRIX.get(role)?.has(permission) ?? false;
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role] ?? [];
}

/** Who is calling: a signed-in user (from an access token) or an API key. */
export interface Principal {
  kind: "user" | "apiKey";
  /** User id or API key id. */
  id: string;
  tenantId: string;
  role: Role;
  /**
   * Further restrictions on the role: a permission is granted only if it is listed here too.
   * "*" means "everything the role holds" (user sessions); API keys always list explicit scopes.
   */
  scopes: readonly string[];
}

export type Denial =
  | { reason: "role"; role: Role; permission: Permission }
  | { reason: "scope"; permission: Permission };

/** Checks a principal: the role must hold the permission and the scopes must include it. */
export function authorize(
  principal: Principal,
  permission: Permission,
): { ok: true } | { ok: false; denial: Denial } {
  if (!can(principal.role, permission))
    return { ok: false, denial: { reason: "role", role: principal.role, permission } };
  if (!principal.scopes.includes("*") && !principal.scopes.includes(permission)) {
    return { ok: false, denial: { reason: "scope", permission } };
  }
  return { ok: true };
}

export function allows(principal: Principal, permission: Permission): boolean {
  return authorize(principal, permission).ok;
}

/**
 * Validates scopes for a new API key: known permissions, no "*", and only what the creating role
 * holds (a key can never do more than the admin who made it). Returns every problem found.
 */
export function checkApiKeyScopes(creatorRole: Role, scopes: readonly string[]): string[] {
  const problems: string[] = [];
  if (scopes.length === 0) problems.push("scopes must list at least one permission");
  for (const scope of scopes) {
    if (!isPermission(scope)) {
      problems.push(`scope ${JSON.stringify(scope)} not in [${PERMISSIONS.join(", ")}]`);
    } else if (!can(creatorRole, scope)) {
      problems.push(`scope "${scope}" exceeds role "${creatorRole}"`);
    }
  }
  if (new Set(scopes).size !== scopes.length) problems.push("scopes must not repeat");
  return problems;
}
