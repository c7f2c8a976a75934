// Step 7: tells the tenant's systems. Event ids are derived from the version, so a re-run of this
// step queues the same deliveries again under the same ids (deduplicated), not new ones.
import { and, eq } from "drizzle-orm";
import { complianceChecks } from "../../db/schema/index.ts";
import type { StepHandler } from "../pipeline.ts";
import type { HandlerDeps } from "./deps.ts";
import { loadAnalysis } from "./load.ts";

export function notifyStep(deps: HandlerDeps): StepHandler {
  return async ({ ref }) => {
    const { analysis, checks } = await deps.databases.withTenant(ref.tenantId, async (tx) => ({
      analysis: await loadAnalysis(tx, ref),
      checks: await tx
        .select({
          framework: complianceChecks.framework,
          status: complianceChecks.status,
          score: complianceChecks.score,
        })
        .from(complianceChecks)
        .where(
          and(
            eq(complianceChecks.documentId, ref.documentId),
            eq(complianceChecks.documentVersion, ref.version),
          ),
        ),
    }));
    const about = { document_id: ref.documentId, version: ref.version };
    const processed = await deps.notify({
      type: "ai.processing_completed",
      tenantId: ref.tenantId,
      data: {
        ...about,
        classification: analysis?.classification ?? null,
        personal_data: (analysis?.entities ?? []).filter((e) => e.personal === true).length,
        standardization: analysis?.standardization
          ? {
              score: analysis.standardization.score ?? null,
              conforms: analysis.standardization.conforms ?? null,
            }
          : null,
      },
    });
    const checked = await deps.notify({
      type: "compliance.check_completed",
      tenantId: ref.tenantId,
      data: { ...about, checks },
    });
    return { deliveries: processed + checked };
  };
}
