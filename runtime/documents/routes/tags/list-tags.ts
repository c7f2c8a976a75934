// GET /api/v2/tags (documents:read): the tenant's tags with how many live documents the caller
// can see carry each, most used first; `prefix` narrows them (case-insensitive) for autocomplete.
import { createRoute, z } from "@hono/zod-openapi";
import { and, sql } from "drizzle-orm";
import { type App, envelopeOf, ok } from "../../../app/index.ts";
import { guardedBy } from "../../../auth/require-permission/index.ts";
import { documents } from "../../../db/schema/index.ts";
import { liveVisible } from "../../visibility.ts";
import { caller, type DocumentExtrasDeps, errorResponses, now } from "../extras/index.ts";

export const ListTagsQuery = z.strictObject({
  prefix: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .optional()
    .openapi({ description: "Only tags starting with this (case-insensitive)", example: "inv" }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const TagCountSchema = z.object({ tag: z.string(), count: z.number().int() }).openapi("TagCount");
export const TagListSchema = z.object({ items: z.array(TagCountSchema) }).openapi("TagList");

export const listTagsRoute = createRoute({
  method: "get",
  path: "/api/v2/tags",
  tags: ["documents"],
  summary: "List tags with document counts (most used first)",
  ...guardedBy("documents:read"),
  request: { query: ListTagsQuery },
  responses: {
    200: {
      description: "tags and how many visible documents carry each",
      content: { "application/json": { schema: envelopeOf(TagListSchema) } },
    },
    ...errorResponses(400, 401, 403),
  },
});

export function registerListTags(app: App, deps: DocumentExtrasDeps): void {
  app.openapi(listTagsRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const { prefix, limit } = c.req.valid("query");
    const tag = sql<string>`t.tag`;
    const rows = await deps.databases.withTenant(tenant.id, (tx) =>
      tx
        .select({ tag, count: sql<number>`count(distinct ${documents.id})::int` })
        .from(documents)
        .innerJoin(sql`unnest(${documents.tags}) as t(tag)`, sql`true`)
        .where(
          and(
            liveVisible(principal, now(c)),
            prefix === undefined ? undefined : sql`starts_with(lower(t.tag), lower(${prefix}))`,
          ),
        )
        .groupBy(tag)
        .orderBy(sql`2 desc`, tag)
        .limit(limit),
    );
    return ok(c, { items: rows.map((r) => ({ tag: r.tag, count: r.count })) }, 200);
  });
}
