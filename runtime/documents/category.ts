// The category a document is filed under, and the key segment that names it in storage.
import { eq } from "drizzle-orm";
import { ApiError } from "../app/index.ts";
import type { TenantTx } from "../db/index.ts";
import { type DocumentCategory, documentCategories } from "../db/schema/index.ts";

export const UNCATEGORIZED = "uncategorized";

export async function findCategory(tx: TenantTx, id: string): Promise<DocumentCategory> {
  const [row] = await tx.select().from(documentCategories).where(eq(documentCategories.id, id));
  if (!row) {
    throw new ApiError({
      code: "NOT_FOUND",
      message: `category ${id} not found`,
      details: [{ field: "category_id", message: "no such category in this tenant" }],
    });
  }
  return row;
}

/** A storage key segment for the category: its name slugged, or its id when nothing is left. */
export function categorySegment(category: Pick<DocumentCategory, "id" | "name"> | undefined): string {
  if (!category) return UNCATEGORIZED;
  const slug = category.name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return slug || category.id;
}

export async function segmentFor(tx: TenantTx, categoryId: string | null | undefined): Promise<string> {
  return categorySegment(categoryId ? await findCategory(tx, categoryId) : undefined);
}
