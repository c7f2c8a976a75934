import type { App } from "../../../app/index.ts";
import type { DocumentRouteDeps } from "../../deps.ts";
import { registerDownloadVersion } from "./download-version.ts";
import { registerGetVersion } from "./get-version.ts";
import { registerListVersions } from "./list-versions.ts";
import { registerRestoreVersion } from "./restore-version.ts";
import { registerUploadVersion } from "./upload-version.ts";

export { downloadVersionRoute } from "./download-version.ts";
export { getVersionRoute } from "./get-version.ts";
export { ListVersionsQuery, listVersionsRoute, VersionPageSchema } from "./list-versions.ts";
export { restoreVersionRoute } from "./restore-version.ts";
export { uploadVersionRoute } from "./upload-version.ts";

export function registerVersionRoutes(app: App, deps: DocumentRouteDeps): void {
  registerUploadVersion(app, deps);
  registerListVersions(app, deps);
  registerGetVersion(app, deps);
  registerDownloadVersion(app, deps);
  registerRestoreVersion(app, deps);
}
