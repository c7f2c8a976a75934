// The success envelope `{data, meta:{timestamp, version, request_id}}`; errors share `meta`.

import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface Meta {
  timestamp: string;
  version: string;
  request_id: string;
}

export const MetaSchema = z
  .object({
    timestamp: z.string().openapi({ example: "2026-01-01T00:00:00.000Z" }),
    version: z.string(),
    request_id: z.string(),
  })
  .openapi("Meta");

/** The schema of a success envelope around `data`. */
export function envelopeOf<T extends z.ZodType>(data: T) {
  return z.object({ data, meta: MetaSchema });
}

/** The envelope's meta: time from the injected clock, the API version and the request id. */
export function meta(c: Context): Meta {
  const clock = c.get("clock") ?? (() => new Date());
  return {
    timestamp: clock().toISOString(),
    version: c.get("apiVersion") ?? "unknown",
    request_id: c.get("requestId") ?? "",
  };
}

/** A page of `item` for keyset-paginated lists, published under `name`. */
export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() }).openapi(name);
}

/** A route's JSON response: `schema` in the success envelope. */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { "application/json": { schema: envelopeOf(schema) } } };
}

/** `{data, meta}` as JSON with the given status (200 by default). */
export function ok<T, S extends ContentfulStatusCode = 200>(c: Context, data: T, status?: S) {
  return c.json({ data, meta: meta(c) }, (status ?? 200) as S);
}
