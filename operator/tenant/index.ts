// The operator's own view of a Tenant: its conditions, Events, preflight and provisioning-inputs
// hash. The API itself (schemas, types, constants) is crds/.
export {
  type ConditionInput,
  ConditionReason,
  findCondition,
  isTrue,
  markFailed,
  markReady,
  markReconciling,
  markStalled,
  phaseOf,
  type Reason,
  removeCondition,
  setCondition,
  toTime,
} from "./conditions.ts";
export { EventReason, events, type WspecEvent } from "./events.ts";
export { canonicalJson, INPUTS_HASH_VERSION, inputsHash, provisioningInputs } from "./inputs-hash.ts";
export { preflight, profileInvalid, profileNotFound, regionMatches } from "./preflight.ts";
