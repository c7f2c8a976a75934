// Step 4: the document against its type's template, and an extractive summary.
import { isDocumentType } from "../../ai/document-types.ts";
import { standardize } from "../../ai/standardize/index.ts";
import { summarize } from "../../ai/summarize/index.ts";
import type { StepHandler } from "../pipeline.ts";
import type { HandlerDeps } from "./deps.ts";
import { loadAnalysis, saveAnalysis } from "./load.ts";

export function standardizeStep(deps: HandlerDeps): StepHandler {
  return async ({ ref }) => {
    const analysis = await deps.databases.withTenant(ref.tenantId, (tx) => loadAnalysis(tx, ref));
    const text = typeof analysis?.extraction?.text === "string" ? analysis.extraction.text : "";
    const label = analysis?.classification?.label;
    const { summary } = summarize(text);
    if (!isDocumentType(label)) {
      await deps.databases.withTenant(ref.tenantId, (tx) =>
        saveAnalysis(tx, ref, {
          standardization: { skipped: `no template for type ${JSON.stringify(label ?? null)}` },
          summary,
        }),
      );
      return { template: null };
    }
    const { normalized_text: _normalized, ...result } = standardize(text, label);
    await deps.databases.withTenant(ref.tenantId, (tx) =>
      saveAnalysis(tx, ref, { standardization: { ...result }, summary }),
    );
    return {
      template: label,
      score: result.score,
      conforms: result.conforms,
      deviations: result.deviations.length,
    };
  };
}
