// Loading one document for a principal: deleted or invisible is 404 (existence is never revealed);
// visible but not changeable by this caller is 403.
import { and, eq } from "drizzle-orm";
import { ApiError } from "../app/index.ts";
import type { Principal } from "../auth/rbac.ts";
import type { TenantTx } from "../db/index.ts";
import { type Document, documents } from "../db/schema/index.ts";
import { documentNotFound } from "./errors.ts";
import { editableBy, liveVisible } from "./visibility.ts";

export async function findVisible(
  tx: TenantTx,
  principal: Principal,
  id: string,
  now: Date,
  opts: { forUpdate?: boolean } = {},
): Promise<Document> {
  const query = tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), liveVisible(principal, now)));
  const [row] = await (opts.forUpdate ? query.for("update") : query);
  if (!row) throw documentNotFound(id);
  return row;
}

/** A visible document the principal may also change, locked for the rest of the transaction. */
export async function findEditable(
  tx: TenantTx,
  principal: Principal,
  id: string,
  now: Date,
): Promise<Document> {
  const row = await findVisible(tx, principal, id, now, { forUpdate: true });
  const editable = editableBy(principal, now);
  if (editable) {
    const [ok] = await tx
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.id, id), editable));
    if (!ok) {
      throw new ApiError({
        code: "FORBIDDEN",
        message: `document ${id} is shared with you for reading only`,
      });
    }
  }
  return row;
}
