import type { App } from "../../../app/index.ts";
import type { DocumentExtrasDeps } from "../extras/index.ts";
import { registerListTags } from "./list-tags.ts";

export {
  ListTagsQuery,
  listTagsRoute,
  registerListTags,
  TagCountSchema,
  TagListSchema,
} from "./list-tags.ts";

/** Registers GET /api/v2/tags. */
export function registerTagRoutes(deps: DocumentExtrasDeps): (app: App) => void {
  return (app) => registerListTags(app, deps);
}
