// What the /api/v2/categories routes share: the category's public shape, its body fields, its id
// parameter, and the 404.
import { z } from "@hono/zod-openapi";
import { ApiError } from "../../../app/index.ts";
import type { DocumentCategory } from "../../../db/schema/index.ts";

export const MAX_RETENTION_DAYS = 36_500;

export const CategorySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    parent_id: z.uuid().nullable(),
    retention_days: z.number().int().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Category");
export type CategoryView = z.infer<typeof CategorySchema>;

export function categoryView(c: DocumentCategory): CategoryView {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    parent_id: c.parentId,
    retention_days: c.retentionDays,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

// Names show in lists and storage paths' neighbours: printable text, no control characters.
export const CategoryName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters")
  .openapi({ example: "Invoices" });

export const CategoryDescription = z.string().max(2000, "must be at most 2000 characters");

export const ParentId = z
  .uuid("must be the id (uuid) of a category of this tenant")
  .nullable()
  .openapi({ description: "The parent category (same tenant); null for a top-level category" });

export const RetentionDays = z
  .number()
  .int("must be a whole number of days")
  .min(1, `must be between 1 and ${MAX_RETENTION_DAYS}`)
  .max(MAX_RETENTION_DAYS, `must be between 1 and ${MAX_RETENTION_DAYS}`)
  .nullable()
  .openapi({
    description: `Days documents are kept after creation (1..${MAX_RETENTION_DAYS}); null: no rule`,
  });

export const CategoryIdParam = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "4f1c2d3e-…" }),
});

export function notFound(id: string): ApiError {
  return new ApiError({ code: "NOT_FOUND", message: `category ${id} not found` });
}
