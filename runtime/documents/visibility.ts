// Which documents a principal may see. Holders of documents:read-all see the whole tenant (RLS
// already limits rows to it); everyone else sees what they created and what is shared with them.
// This condition is about who, not state: deleted documents are excluded by `liveVisible`.
import { and, eq, gt, isNull, or, type SQL, sql } from "drizzle-orm";
import { allows, type Principal } from "../auth/rbac.ts";
import { documentPermissions, documents } from "../db/schema/index.ts";

/** SQL condition on `documents` for what a principal may see; undefined = everything in the tenant. */
export function visibleTo(principal: Principal, now: Date): SQL | undefined {
  if (allows(principal, "documents:read-all")) return undefined;
  // API keys are never share grantees (shares name users), so they see only their own uploads.
  if (principal.kind === "apiKey") return eq(documents.createdByApiKey, principal.id);
  return or(eq(documents.createdBy, principal.id), sharedWith(principal.id, now));
}

/** A live share (not revoked, not expired) of the outer `documents` row to the user. */
function sharedWith(userId: string, now: Date, permission?: "write"): SQL {
  return sql`exists (select 1 from ${documentPermissions} where ${and(
    eq(documentPermissions.documentId, documents.id),
    eq(documentPermissions.granteeUserId, userId),
    permission ? eq(documentPermissions.permission, permission) : undefined,
    isNull(documentPermissions.revokedAt),
    or(isNull(documentPermissions.expiresAt), gt(documentPermissions.expiresAt, now)),
  )})`;
}

/** Not deleted and visible to the principal: the condition every read of a document uses. */
export function liveVisible(principal: Principal, now: Date): SQL {
  const visible = visibleTo(principal, now);
  return visible ? (and(isNull(documents.deletedAt), visible) as SQL) : isNull(documents.deletedAt);
}

/**
 * SQL condition on `documents` for what a principal may change (on top of the route's permission):
 * holders of documents:read-all curate the tenant; others change what they created or what was
 * shared with them for writing. undefined = everything in the tenant.
 */
export function editableBy(principal: Principal, now: Date): SQL | undefined {
  if (allows(principal, "documents:read-all")) return undefined;
  if (principal.kind === "apiKey") return eq(documents.createdByApiKey, principal.id);
  return or(eq(documents.createdBy, principal.id), sharedWith(principal.id, now, "write"));
}
