// Step 5: the tenant's frameworks and document rules over the version's text, entities and
// metadata (runtime/compliance/check, shared with POST /compliance/check). Results replace this
// version's earlier checks in one transaction, so a re-run leaves one row per framework.
import { runComplianceCheck } from "../../compliance/check/index.ts";
import { PermanentStepError, type StepHandler } from "../pipeline.ts";
import type { HandlerDeps } from "./deps.ts";

export function complianceStep(deps: HandlerDeps): StepHandler {
  return async ({ ref }) => {
    const policy = deps.policyFor(ref.tenantId);
    const run = await runComplianceCheck(deps, ref, {
      frameworks: policy.frameworks,
      documentRules: policy.documentRules,
      replace: "version",
    });
    // A deleted tenant, document or version cannot come back by retrying.
    if (run.status === "missing")
      throw new PermanentStepError(`document ${ref.documentId} version ${ref.version} no longer exists`);
    if (run.status === "unprocessable")
      throw new PermanentStepError(`the document cannot be checked: ${run.problems.join("; ")}`);
    return {
      frameworks: Object.fromEntries(
        run.results.map((r) => [
          r.framework,
          { status: r.status, score: r.score, findings: r.findings.length },
        ]),
      ),
    };
  };
}
