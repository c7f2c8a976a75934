import type { App } from "../../app/index.ts";
import type { RetentionRouteDeps } from "./deps.ts";
import { registerListDue } from "./list-due.ts";
import { registerRunRetention } from "./run-retention.ts";

export type { RetentionRouteDeps } from "./deps.ts";
export { DueReportSchema, ListDueQuery, listDueRoute } from "./list-due.ts";
export { RetentionRunSchema, RunRetentionBody, runRetentionRoute } from "./run-retention.ts";

/** Registers /api/v2/retention/* (due, runs). */
export function registerRetentionRoutes(deps: RetentionRouteDeps): (app: App) => void {
  return (app) => {
    registerListDue(app, deps);
    registerRunRetention(app, deps);
  };
}
