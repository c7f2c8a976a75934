// The tenant's first admins (the Tenant's spec.admins, through the operator's setup Secret) as
// users with role tenant-admin and no password yet: they can sign in only after
// POST /api/v2/auth/setup with their one-time token. An existing account is left as it is.
import { users } from "../db/schema/index.ts";
import type { TenantDatabases } from "../db/tenant-databases.ts";

export async function ensureAdminUsers(
  databases: Pick<TenantDatabases, "withTenant">,
  tenantId: string,
  emails: readonly string[],
): Promise<string[]> {
  if (emails.length === 0) return [];
  return databases.withTenant(tenantId, async (tx) => {
    const created = await tx
      .insert(users)
      .values(
        emails.map((email) => ({
          tenantId,
          email: email.trim().toLowerCase(),
          role: "tenant-admin" as const,
        })),
      )
      .onConflictDoNothing()
      .returning({ email: users.email });
    return created.map((u) => u.email);
  });
}
