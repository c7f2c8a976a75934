// Pure helpers over status.conditions, after meta.SetStatusCondition and the Pulumi Kubernetes
// Operator's Mark*Condition: each returns a new array and never touches the input.
//
// The ready protocol (kstatus): while work is under way Reconciling=True; when done Ready=True and
// neither Reconciling nor Stalled is present; when the operator will not retry until the spec
// changes Stalled=True. Unlike the Pulumi operator, Ready=False carries the specific reason and
// message (not a generic "NotReadyStalled"), so that `kubectl get` and the console show why.
import type { Condition } from "../../crds/condition-schema.ts";
import type { ConditionStatus, ConditionType, Phase } from "../../crds/constants.ts";

export interface ConditionInput {
  type: ConditionType;
  status: ConditionStatus;
  reason: string;
  message: string;
}

export interface Reason {
  reason: string;
  message: string;
}

/** Condition reasons used by the mark helpers and the controller (PascalCase). */
export const ConditionReason = {
  Provisioned: "Provisioned",
  Provisioning: "Provisioning",
  Destroying: "Destroying",
  RetryingAfterFailure: "RetryingAfterFailure",
  SpecInvalid: "SpecInvalid",
  PreflightPassed: "PreflightPassed",
  NoDrift: "NoDrift",
  DriftDetected: "DriftDetected",
  /** A mandatory rule of the compliance pack refused the update (the message names rule and resource). */
  PolicyViolation: "PolicyViolation",
} as const;

/** metav1.Time precision: seconds. Keeps the stored and the computed value equal. */
export function toTime(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: ConditionType,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function isTrue(conditions: readonly Condition[] | undefined, type: ConditionType): boolean {
  return findCondition(conditions, type)?.status === "True";
}

/**
 * Adds or replaces the condition of `cond.type`. lastTransitionTime changes only when the status
 * does; reason, message and observedGeneration always take the new values. Order is kept.
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  cond: ConditionInput,
  observedGeneration: number,
  now: Date,
): Condition[] {
  const list = conditions ?? [];
  const old = list.find((c) => c.type === cond.type);
  const next: Condition = {
    ...cond,
    observedGeneration,
    lastTransitionTime: old && old.status === cond.status ? old.lastTransitionTime : toTime(now),
  };
  return old ? list.map((c) => (c === old ? next : c)) : [...list, next];
}

export function removeCondition(
  conditions: readonly Condition[] | undefined,
  type: ConditionType,
): Condition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/** Done and up to date: Ready=True, Reconciling and Stalled gone. */
export function markReady(
  conditions: readonly Condition[] | undefined,
  observedGeneration: number,
  now: Date,
  message = "the tenant is provisioned and up to date",
): Condition[] {
  const rest = removeCondition(removeCondition(conditions, "Reconciling"), "Stalled");
  return setCondition(
    rest,
    { type: "Ready", status: "True", reason: ConditionReason.Provisioned, message },
    observedGeneration,
    now,
  );
}

/** Work under way (e.g. a Pulumi update running): Reconciling=True, Ready=False, Stalled gone. */
export function markReconciling(
  conditions: readonly Condition[] | undefined,
  why: Reason,
  observedGeneration: number,
  now: Date,
): Condition[] {
  let next = removeCondition(conditions, "Stalled");
  next = setCondition(next, { type: "Ready", status: "False", ...why }, observedGeneration, now);
  return setCondition(next, { type: "Reconciling", status: "True", ...why }, observedGeneration, now);
}

/** Nothing will be retried until the spec (or the profile) changes: Stalled=True, Ready=False. */
export function markStalled(
  conditions: readonly Condition[] | undefined,
  why: Reason,
  observedGeneration: number,
  now: Date,
): Condition[] {
  let next = removeCondition(conditions, "Reconciling");
  next = setCondition(next, { type: "Ready", status: "False", ...why }, observedGeneration, now);
  return setCondition(next, { type: "Stalled", status: "True", ...why }, observedGeneration, now);
}

/**
 * An attempt failed and will be retried with backoff: Ready=False with the failure, Reconciling=True
 * (RetryingAfterFailure), Stalled gone. After the retry cap, call markStalled instead.
 */
export function markFailed(
  conditions: readonly Condition[] | undefined,
  why: Reason,
  observedGeneration: number,
  now: Date,
): Condition[] {
  let next = removeCondition(conditions, "Stalled");
  next = setCondition(next, { type: "Ready", status: "False", ...why }, observedGeneration, now);
  return setCondition(
    next,
    {
      type: "Reconciling",
      status: "True",
      reason: ConditionReason.RetryingAfterFailure,
      message: `retrying after failure: ${why.message}`,
    },
    observedGeneration,
    now,
  );
}

/**
 * status.phase as a summary of the conditions: Deleting once deletion started, Failed when Stalled
 * or when an attempt failed (RetryingAfterFailure), Ready, Provisioning while reconciling, else
 * Pending (not yet seen or waiting on a dependency).
 */
export function phaseOf(conditions: readonly Condition[] | undefined, deleting = false): Phase {
  if (deleting) return "Deleting";
  if (isTrue(conditions, "Stalled")) return "Failed";
  if (isTrue(conditions, "Ready")) return "Ready";
  const reconciling = findCondition(conditions, "Reconciling");
  if (reconciling?.status === "True") {
    return reconciling.reason === ConditionReason.RetryingAfterFailure ? "Failed" : "Provisioning";
  }
  return "Pending";
}
