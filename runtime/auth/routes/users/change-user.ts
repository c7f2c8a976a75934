// How the routes that change a user (role, status) write: in one transaction the row is locked,
// the caller must be able to grant the user's present role, the change is made, the user's API
// keys follow it (revoked when disabled, narrowed when demoted) and it is audited.
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { type User, users } from "../../../db/schema/index.ts";
import { adjustApiKeysOf } from "../../stores/index.ts";
import type { AuthRouteDeps } from "../deps.ts";
import { auditIn, now } from "../session.ts";
import { checkGrantable, notFound } from "./schemas.ts";

export interface UserChange {
  set: Partial<Pick<User, "role" | "status">>;
  action: string;
  metadata?: Record<string, unknown>;
}

export function changeUser(
  c: Context,
  deps: AuthRouteDeps,
  tenantId: string,
  callerRole: string,
  id: string,
  change: (before: User) => UserChange,
): Promise<User> {
  return deps.databases.withTenant(tenantId, async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for("update");
    if (!before) throw notFound(id);
    checkGrantable(callerRole, before.role);
    const { set, action, metadata } = change(before);
    const [after] = await tx
      .update(users)
      .set({ ...set, updatedAt: now(c) })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound(id);
    const keys = await adjustApiKeysOf(tx, after, now(c));
    const meta = { ...metadata, ...(keys.revoked + keys.narrowed > 0 ? { api_keys: keys } : {}) };
    await auditIn(c, deps, tx, tenantId, {
      action,
      resourceId: id,
      ...(Object.keys(meta).length ? { metadata: meta } : {}),
    });
    return after;
  });
}
