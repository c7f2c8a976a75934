import type { RetentionDeps } from "../run.ts";

/** What the /api/v2/retention routes need: the disposal run's own dependencies. */
export type RetentionRouteDeps = RetentionDeps;
