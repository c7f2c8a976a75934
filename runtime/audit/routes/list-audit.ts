// GET /api/v2/audit: the tenant's audit log, newest first, filtered, with cursor pagination.
import { createRoute, z } from "@hono/zod-openapi";
import {
  type App,
  jsonResponse,
  ok,
  pageSchema,
  refusedCursor,
  requireTenant,
  unprocessableField,
} from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { listAudit } from "../audit-log.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import type { AuditRouteDeps } from "./deps.ts";
import { errorResponses } from "./responses.ts";

const isoDate = z.iso.datetime({ offset: true });

export const ListAuditQuery = z.strictObject({
  actor: z.string().min(1).max(200).optional().openapi({ description: "Actor id (user or API key id)" }),
  action: z.string().min(1).max(100).optional().openapi({ example: "document.delete" }),
  resource: z
    .string()
    .regex(/^[a-z_]{1,50}(:[A-Za-z0-9_.-]{1,200})?$/, "must be <type> or <type>:<id>")
    .optional()
    .openapi({ description: "<type> or <type>:<id>", example: "document:4f1c…" }),
  from: isoDate.optional().openapi({ description: "Inclusive lower bound on occurred_at (ISO 8601)" }),
  to: isoDate.optional().openapi({ description: "Inclusive upper bound on occurred_at (ISO 8601)" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional().openapi({ description: "next_cursor of the previous page" }),
});

export const AuditEntrySchema = z
  .object({
    id: z.uuid(),
    seq: z.number().int(),
    occurred_at: z.string(),
    actor_type: z.string(),
    actor_id: z.string().nullable(),
    action: z.string(),
    resource_type: z.string(),
    resource_id: z.string().nullable(),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    request_id: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .openapi("AuditEntry");

export const AuditPageSchema = pageSchema(AuditEntrySchema, "AuditPage");
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const listAuditRoute = createRoute({
  method: "get",
  path: "/api/v2/audit",
  tags: ["audit"],
  summary: "List the tenant's audit log (newest first)",
  request: { query: ListAuditQuery },
  // The audit trail is for auditors and admins (the role matrix's audit:read), not every caller.
  ...guardedBy("audit:read"),
  responses: {
    200: jsonResponse("a page of entries", AuditPageSchema),
    ...errorResponses(400, 401, 403),
  },
});

export function registerListAudit(app: App, deps: AuditRouteDeps): void {
  app.openapi(listAuditRoute, async (c) => {
    const { tenant } = requireTenant(c);
    const q = c.req.valid("query");
    const [resourceType, resourceId] = q.resource ? splitResource(q.resource) : [undefined, undefined];
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to && from > to) {
      // A rule between two parameters, which no schema states.
      throw unprocessableField("from", `must not be after to (${q.to})`);
    }
    const filters = { actor: q.actor, action: q.action, resourceType, resourceId, from, to, limit: q.limit };
    let beforeSeq: number | undefined;
    if (q.cursor !== undefined) {
      const { val, err } = decodeCursor(q.cursor, filters, deps.cursorKey);
      if (err !== undefined) {
        throw refusedCursor(err);
      }
      beforeSeq = val;
    }
    const rows = await deps.databases.withTenant(tenant.id, (tx) =>
      listAudit(tx, tenant.id, {
        ...filters,
        ...(beforeSeq !== undefined ? { beforeSeq } : {}),
      }),
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const next = rows.length > q.limit && last ? encodeCursor(last.seq, filters, deps.cursorKey) : null;
    return ok(
      c,
      {
        items: page.map((r) => ({
          id: r.id,
          seq: r.seq,
          occurred_at: r.occurredAt.toISOString(),
          actor_type: r.actorType,
          actor_id: r.actorId,
          action: r.action,
          resource_type: r.resourceType,
          resource_id: r.resourceId,
          ip: r.ip,
          user_agent: r.userAgent,
          request_id: r.requestId,
          metadata: r.metadata,
          prev_hash: r.prevHash,
          hash: r.hash,
        })),
        next_cursor: next,
      } satisfies AuditPage,
      200,
    );
  });
}

function splitResource(resource: string): [string, string | undefined] {
  const i = resource.indexOf(":");
  return i < 0 ? [resource, undefined] : [resource.slice(0, i), resource.slice(i + 1)];
}
