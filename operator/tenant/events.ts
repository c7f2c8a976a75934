// Kubernetes Event reasons and typed constructors, after the Pulumi Kubernetes Operator's
// events.go: a transition always produces the same type and reason, so dashboards and tests can
// match on them.
import { type Problem, summarize } from "../../crds/problems.ts";

export const EventReason = {
  SpecInvalid: "SpecInvalid",
  ProfileNotFound: "ProfileNotFound",
  PreflightFailed: "PreflightFailed",
  ProvisioningStarted: "ProvisioningStarted",
  Provisioned: "Provisioned",
  ProvisioningFailed: "ProvisioningFailed",
  PolicyViolation: "PolicyViolation",
  UpToDate: "UpToDate",
  DriftDetected: "DriftDetected",
  StackRecovered: "StackRecovered",
  DestroyStarted: "DestroyStarted",
  Destroyed: "Destroyed",
  DestroyFailed: "DestroyFailed",
  Retained: "Retained",
  TenantsRequeued: "TenantsRequeued",
} as const;
export type EventReason = (typeof EventReason)[keyof typeof EventReason];

export interface WspecEvent {
  type: "Normal" | "Warning";
  reason: EventReason;
  message: string;
}

const normal = (reason: EventReason, message: string): WspecEvent => ({ type: "Normal", reason, message });
const warning = (reason: EventReason, message: string): WspecEvent => ({ type: "Warning", reason, message });

/** Event constructors; the controller records them on the Tenant (or the profile) they concern. */
export const events = {
  specInvalid: (problems: readonly Problem[]) => warning(EventReason.SpecInvalid, summarize(problems)),
  profileNotFound: (problem: Problem) => warning(EventReason.ProfileNotFound, problem.message),
  preflightFailed: (problems: readonly Problem[]) =>
    warning(EventReason.PreflightFailed, summarize(problems)),
  provisioningStarted: (stack: string) =>
    normal(EventReason.ProvisioningStarted, `pulumi up of stack ${stack}`),
  provisioned: (stack: string, seconds: number, resources: number) =>
    normal(EventReason.Provisioned, `stack ${stack} up in ${seconds.toFixed(1)} s (${resources} resources)`),
  provisioningFailed: (stack: string, error: string) =>
    warning(EventReason.ProvisioningFailed, `pulumi up of stack ${stack} failed: ${error}`),
  policyViolation: (stack: string, violations: string) =>
    warning(EventReason.PolicyViolation, `pulumi up of stack ${stack} refused by policy: ${violations}`),
  upToDate: (hash: string) =>
    normal(EventReason.UpToDate, `inputs unchanged (${hash.slice(0, 12)}): nothing to provision`),
  driftDetected: (stack: string, changes: number) =>
    warning(EventReason.DriftDetected, `stack ${stack}: ${changes} resource(s) changed outside Pulumi`),
  stackRecovered: (stack: string, detail: string) =>
    normal(EventReason.StackRecovered, `stack ${stack} recovered: ${detail}`),
  destroyStarted: (stack: string) => normal(EventReason.DestroyStarted, `pulumi destroy of stack ${stack}`),
  destroyed: (stack: string) => normal(EventReason.Destroyed, `stack ${stack} destroyed and removed`),
  destroyFailed: (stack: string, error: string) =>
    warning(EventReason.DestroyFailed, `pulumi destroy of stack ${stack} failed: ${error}; finalizer kept`),
  retained: (stack: string) =>
    normal(EventReason.Retained, `deletionPolicy Retain: stack ${stack} removed, infrastructure kept`),
  tenantsRequeued: (count: number) =>
    normal(EventReason.TenantsRequeued, `profile changed: ${count} bound tenant(s) requeued`),
} as const;
