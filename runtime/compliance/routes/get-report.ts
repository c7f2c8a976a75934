// GET /api/v2/compliance/reports (compliance:read): the tenant's checks in a window: totals by
// status, where each framework stands now, a trend per day or week and the most failed rules.
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, gte, isNull, lt, or } from "drizzle-orm";
import { type App, envelopeOf, ok, unprocessableField } from "../../app/index.ts";
import { guardedBy } from "../../auth/require-permission/index.ts";
import { complianceChecks, documents } from "../../db/schema/index.ts";
import { caller, now } from "../../documents/context.ts";
import { liveVisible } from "../../documents/visibility.ts";
import {
  type ComplianceReport,
  complianceReport,
  frameworkFromStored,
  REPORT_INTERVALS,
  type StatusCounts,
  storedFramework,
} from "../engine/index.ts";
import type { ComplianceRouteDeps } from "./deps.ts";
import { errorResponses, FrameworkName } from "./errors.ts";

const DAY = 86_400_000;
/** Periods a report may span: a year of days, or about eight years of weeks. */
const MAX_PERIODS = 400;
const DEFAULT_PERIODS = { day: 30, week: 12 } as const;

const Instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: "must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T00:00:00Z)",
  })
  .transform((s) => new Date(s));

export const ReportQuery = z.strictObject({
  interval: z
    .enum(REPORT_INTERVALS, { error: `must be one of ${REPORT_INTERVALS.join(", ")}` })
    .default("day"),
  from: Instant.optional().openapi({ description: "inclusive; default: 30 days or 12 weeks before to" }),
  to: Instant.optional().openapi({ description: "exclusive; default: now" }),
  framework: FrameworkName.optional(),
});

const CountsSchema = z.object({
  checks: z.number().int(),
  passed: z.number().int(),
  warning: z.number().int(),
  failed: z.number().int(),
  average_score: z.number().nullable(),
});

export const ReportSchema = z
  .object({
    interval: z.enum(REPORT_INTERVALS),
    from: z.string(),
    to: z.string(),
    totals: CountsSchema,
    pending: z.number().int(),
    current: CountsSchema.extend({ by_framework: z.record(z.string(), CountsSchema) }),
    trend: z.array(CountsSchema.extend({ period: z.string() })),
    top_failing_rules: z.array(
      z.object({
        rule_id: z.string(),
        framework: z.string(),
        severity: z.string().nullable(),
        documents: z.number().int(),
      }),
    ),
  })
  .openapi("ComplianceReport");

export const getReportRoute = createRoute({
  method: "get",
  path: "/api/v2/compliance/reports",
  tags: ["compliance"],
  summary: "The tenant's compliance report with trends",
  ...guardedBy("compliance:read"),
  request: { query: ReportQuery },
  responses: {
    200: { description: "the report", content: { "application/json": { schema: envelopeOf(ReportSchema) } } },
    ...errorResponses(400, 401, 403, 422),
  },
});

const counts = ({ averageScore, ...c }: StatusCounts) => ({ ...c, average_score: averageScore });
const frameworkName = (stored: string) => frameworkFromStored(stored) ?? stored;

function reportView(r: ComplianceReport, from: Date, to: Date): z.infer<typeof ReportSchema> {
  const { byFramework, ...current } = r.current;
  return {
    interval: r.interval,
    from: from.toISOString(),
    to: to.toISOString(),
    totals: counts(r.totals),
    pending: r.pending,
    current: {
      ...counts(current),
      by_framework: Object.fromEntries(
        Object.entries(byFramework).map(([f, c]) => [frameworkName(f), counts(c)]),
      ),
    },
    trend: r.trend.map(({ period, ...c }) => ({ period, ...counts(c) })),
    top_failing_rules: r.topFailingRules.map((t) => ({ ...t, framework: frameworkName(t.framework) })),
  };
}

export function registerGetReport(app: App, deps: ComplianceRouteDeps): void {
  app.openapi(getReportRoute, async (c) => {
    const { tenant, principal } = caller(c);
    const q = c.req.valid("query");
    const period = q.interval === "day" ? DAY : 7 * DAY;
    const to = q.to ?? now(c);
    const from = q.from ?? new Date(to.getTime() - DEFAULT_PERIODS[q.interval] * period);
    // Rules between two parameters, which no schema states: 422.
    if (from >= to) throw unprocessableField("from", "must be before to");
    if ((to.getTime() - from.getTime()) / period > MAX_PERIODS) {
      throw unprocessableField("from", `the window may span at most ${MAX_PERIODS} ${q.interval}s`);
    }
    const rows = await deps.databases.withTenant(tenant.id, (tx) =>
      tx
        .select({
          documentId: complianceChecks.documentId,
          framework: complianceChecks.framework,
          status: complianceChecks.status,
          score: complianceChecks.score,
          findings: complianceChecks.findings,
          checkedAt: complianceChecks.checkedAt,
        })
        .from(complianceChecks)
        .innerJoin(documents, eq(documents.id, complianceChecks.documentId))
        .where(
          and(
            liveVisible(principal, now(c)),
            q.framework ? eq(complianceChecks.framework, storedFramework(q.framework)) : undefined,
            // Pending checks have no time yet: they count as pending whatever the window.
            or(
              isNull(complianceChecks.checkedAt),
              and(gte(complianceChecks.checkedAt, from), lt(complianceChecks.checkedAt, to)),
            ),
          ),
        ),
    );
    return ok(c, reportView(complianceReport(rows, { interval: q.interval, from, to }), from, to), 200);
  });
}
