// Integrity of the category tree that the schema cannot express: the parent must be a category of
// the same tenant (the parent_id foreign key checks existence across tenants, RLS does not apply
// to it), and re-parenting must not close a loop.
import { eq, sql } from "drizzle-orm";
import { ApiError } from "../../../app/index.ts";
import type { TenantTx } from "../../../db/index.ts";
import { documentCategories } from "../../../db/schema/index.ts";

/**
 * Serializes the tenant's category mutations: with it, checking names and ancestry and then
 * writing cannot interleave with another request doing the same (two re-parentings that each
 * look fine alone could otherwise make a cycle together).
 */
export async function lockCategories(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`wspec:categories:${tenantId}`}, 0))`);
}

/** 400 when `parentId` is not a category visible in this tenant; 409 when it would make a cycle. */
export async function checkParent(
  tx: TenantTx,
  categoryId: string | undefined,
  parentId: string,
): Promise<void> {
  const [parent] = await tx
    .select({ id: documentCategories.id })
    .from(documentCategories)
    .where(eq(documentCategories.id, parentId));
  if (!parent) {
    throw new ApiError({
      code: "UNPROCESSABLE_ENTITY",
      message: "invalid body: parent_id",
      details: [{ field: "parent_id", message: `no category ${parentId} in this tenant` }],
    });
  }
  if (categoryId === undefined) return;
  // The parent's ancestors, itself included: if the category is among them, the move loops.
  const rows = await tx.execute<{ id: string }>(sql`
    with recursive ancestors(id, parent_id, depth) as (
      select id, parent_id, 0 from ${documentCategories} where id = ${parentId}
      union all
      select c.id, c.parent_id, a.depth + 1
      from ${documentCategories} c join ancestors a on c.id = a.parent_id
      where a.depth < 1000
    )
    select id from ancestors where id = ${categoryId} limit 1`);
  if (rows.length > 0) {
    throw new ApiError({
      code: "CONFLICT",
      message: "parent_id would make the category its own ancestor",
      details: [
        {
          field: "parent_id",
          message:
            parentId === categoryId
              ? "a category cannot be its own parent"
              : `category ${parentId} is ${categoryId} itself or one of its descendants`,
        },
      ],
    });
  }
}

/** 409 naming `name` when another category of the tenant already has it. */
export async function checkNameFree(tx: TenantTx, name: string, except?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: documentCategories.id })
    .from(documentCategories)
    .where(eq(documentCategories.name, name));
  if (taken && taken.id !== except) throw nameTaken(name);
}

export function nameTaken(name: string): ApiError {
  return new ApiError({
    code: "CONFLICT",
    message: `a category named ${JSON.stringify(name)} already exists in this tenant`,
    details: [{ field: "name", message: "must be unique within the tenant" }],
  });
}
