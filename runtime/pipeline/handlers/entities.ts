// Step 3: entities and personal data. The analysis keeps types, offsets, confidences and masked
// previews, never the values. Under a "redact" PII policy the searchable text is replaced by its
// redacted form, so the search index never holds the personal data either.
import { applyPiiPolicy, extractEntities } from "../../ai/entities/index.ts";
import type { StepHandler } from "../pipeline.ts";
import type { HandlerDeps } from "./deps.ts";
import { loadAnalysis, saveAnalysis } from "./load.ts";

export function entitiesStep(deps: HandlerDeps): StepHandler {
  return async ({ ref }) => {
    const analysis = await deps.databases.withTenant(ref.tenantId, (tx) => loadAnalysis(tx, ref));
    const extraction = analysis?.extraction;
    const text = typeof extraction?.text === "string" ? extraction.text : "";
    const entities = extractEntities(
      text,
      deps.phoneCountries ? { phoneCountries: deps.phoneCountries } : {},
    );
    const policy = deps.policyFor(ref.tenantId);
    // "block" was enforced at upload for readable text; here it can only flag what slipped through.
    const decision = applyPiiPolicy(text, policy.pii === "redact" ? "redact" : "flag", { entities });
    const personal = new Set(decision.findings.map((f) => `${f.start}:${f.end}`));
    const stored = entities.map((e) => ({
      type: e.type,
      start: e.start,
      end: e.end,
      confidence: e.confidence,
      personal: personal.has(`${e.start}:${e.end}`),
      ...(personal.has(`${e.start}:${e.end}`) ? {} : { normalized: e.normalized ?? e.text }),
    }));
    const previews = decision.findings.map((f) => ({
      type: f.type,
      start: f.start,
      end: f.end,
      confidence: f.confidence,
      preview: f.preview,
    }));
    await deps.databases.withTenant(ref.tenantId, (tx) =>
      saveAnalysis(tx, ref, {
        entities: [...stored.filter((e) => !e.personal), ...previews.map((p) => ({ ...p, personal: true }))],
        ...(policy.pii === "redact" && decision.text !== null && extraction
          ? { extraction: { ...extraction, text: decision.text, redacted: true } }
          : {}),
      }),
    );
    return {
      entities: entities.length,
      personal: decision.findings.length,
      counts: decision.counts,
      pii: policy.pii,
    };
  };
}
