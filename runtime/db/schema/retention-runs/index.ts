export { type RetentionRun, retentionRuns } from "./retention-run.ts";
