// Retention that acts: documents whose retention ended are destroyed (storage, rows, derived data)
// on a schedule, each with a disposal certificate in the audit log; held documents are never touched.
export { DISPOSAL_ACTION, type DisposalCertificate, destroyObjects, disposeInTx } from "./dispose.ts";
export { type DueDocument, dueDocuments, type RetentionRule } from "./due.ts";
export {
  DueReportSchema,
  ListDueQuery,
  listDueRoute,
  type RetentionRouteDeps,
  RetentionRunSchema,
  RunRetentionBody,
  registerRetentionRoutes,
  runRetentionRoute,
} from "./routes/index.ts";
export { type RetentionDeps, type RetentionReport, type RunOptions, runTenantRetention } from "./run.ts";
export {
  disposalPass,
  type PassSummary,
  RETENTION_QUEUE,
  RETENTION_SCHEDULER_ID,
  type RetentionScheduler,
  type RetentionSchedulerOptions,
  startRetentionScheduler,
} from "./scheduler.ts";
