// The handler of every pipeline step, from the runtime's services.
import type { StepHandler } from "../pipeline.ts";
import type { PipelineStep } from "../steps.ts";
import { classifyStep } from "./classify.ts";
import { complianceStep } from "./compliance.ts";
import type { HandlerDeps } from "./deps.ts";
import { entitiesStep } from "./entities.ts";
import { extractStep } from "./extract.ts";
import { indexStep } from "./index-step.ts";
import { notifyStep } from "./notify.ts";
import { standardizeStep } from "./standardize.ts";

export type { Classification, HandlerDeps, PipelineEvent, TenantPolicy } from "./deps.ts";

export function pipelineHandlers(deps: HandlerDeps): Record<PipelineStep, StepHandler> {
  return {
    extract: extractStep(deps),
    classify: classifyStep(deps),
    entities: entitiesStep(deps),
    standardize: standardizeStep(deps),
    compliance: complianceStep(deps),
    index: indexStep(deps),
    notify: notifyStep(deps),
  };
}
