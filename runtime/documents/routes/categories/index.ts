import type { App } from "../../../app/index.ts";
import type { DocumentExtrasDeps } from "../extras/index.ts";
import { registerCreateCategory } from "./create-category.ts";
import { registerDeleteCategory } from "./delete-category.ts";
import { registerGetCategory } from "./get-category.ts";
import { registerListCategories } from "./list-categories.ts";
import { registerUpdateCategory } from "./update-category.ts";

export { CreateCategoryBody, createCategoryRoute, registerCreateCategory } from "./create-category.ts";
export { deleteCategoryRoute, registerDeleteCategory } from "./delete-category.ts";
export { getCategoryRoute, registerGetCategory } from "./get-category.ts";
export {
  CategoryPageSchema,
  ListCategoriesQuery,
  listCategoriesRoute,
  registerListCategories,
} from "./list-categories.ts";
export { CategorySchema, type CategoryView, MAX_RETENTION_DAYS } from "./schemas.ts";
export { registerUpdateCategory, UpdateCategoryBody, updateCategoryRoute } from "./update-category.ts";

/** Registers /api/v2/categories: reads need documents:read, changes categories:manage. */
export function registerCategoryRoutes(deps: DocumentExtrasDeps): (app: App) => void {
  return (app) => {
    registerCreateCategory(app, deps);
    registerListCategories(app, deps);
    registerGetCategory(app, deps);
    registerUpdateCategory(app, deps);
    registerDeleteCategory(app, deps);
  };
}
