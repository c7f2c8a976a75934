// Builds an audit entry from the request context: actor, ip, user agent and request id.
import type { Context } from "hono";
import type { Principal } from "../auth/rbac.ts";
import type { AuditEntry } from "./audit-log.ts";

export function entryFromContext(
  c: Context,
  what: Pick<AuditEntry, "action" | "resourceType"> & Partial<Pick<AuditEntry, "resourceId" | "metadata">>,
): AuditEntry {
  const principal = c.get("principal") as Principal | undefined;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return {
    actorType: principal ? (principal.kind === "apiKey" ? "api_key" : "user") : "anonymous",
    actorId: principal?.id ?? null,
    ip: incoming?.socket?.remoteAddress ?? null,
    userAgent: c.req.header("user-agent")?.slice(0, 512) ?? null,
    requestId: c.get("requestId") ?? null,
    ...what,
  };
}
