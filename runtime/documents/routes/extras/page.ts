// Keyset pagination as the list routes answer it: an opaque signed cursor (cursor.ts) and a page
// read one row long, so a full page knows whether another follows without counting.
import { z } from "@hono/zod-openapi";
import { refusedCursor } from "../../../app/index.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";

const LIMIT = "must be an integer 1-100";

/** The `limit` (1-100, 20 by default) and `cursor` query fields of a list. */
export const PageQuery = {
  limit: z.coerce.number({ error: LIMIT }).int(LIMIT).min(1, LIMIT).max(100, LIMIT).default(20),
  cursor: z.string().max(1000).optional().openapi({ description: "next_cursor of the previous page" }),
};

/**
 * Where a page starts: undefined for the first one. A refused cursor throws what `refuse` makes
 * of the reason (by default a 422 naming `cursor`).
 */
export function pageStart<T>(
  cursor: string | undefined,
  scope: unknown,
  position: z.ZodType<T>,
  key: string | undefined,
  refuse: (reason: string) => Error = refusedCursor,
): T | undefined {
  if (cursor === undefined) return undefined;
  const { val, err } = decodeCursor(cursor, scope, position, key);
  if (err !== undefined) throw refuse(err);
  return val;
}

/** The page out of `limit + 1` rows, and the cursor of the next page when there is one. */
export function pageOf<R>(
  rows: R[],
  limit: number,
  positionOf: (last: R) => unknown,
  scope: unknown,
  key: string | undefined,
): { page: R[]; next: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    next: rows.length > limit && last ? encodeCursor(positionOf(last), scope, key) : null,
  };
}
