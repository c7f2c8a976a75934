// ComplianceProfile status: which tenants name it (boundTenants) and whether its spec is valid
// (Ready), so `kubectl describe complianceprofile` shows what a change would touch.
import * as k8s from "@kubernetes/client-node";
import {
  type ComplianceProfile,
  GROUP,
  PROFILE_PLURAL,
  parseComplianceProfileSpec,
  summarize,
  VERSION,
} from "../../crds/index.ts";
import { markReady, markStalled } from "../tenant/index.ts";

const mergePatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

/** The status a profile should have, or undefined when it already has it. */
export function desiredProfileStatus(profile: ComplianceProfile, bound: readonly string[], now: Date) {
  const generation = profile.metadata.generation ?? 0;
  const parsed = parseComplianceProfileSpec(profile.spec);
  const conditions = parsed.ok
    ? markReady(profile.status?.conditions, generation, now, "the profile is valid")
    : markStalled(
        profile.status?.conditions,
        { reason: "ProfileInvalid", message: summarize(parsed.problems) },
        generation,
        now,
      );
  const boundTenants = [...bound].sort();
  const current = profile.status;
  const same =
    current?.observedGeneration === generation &&
    JSON.stringify(current?.boundTenants ?? []) === JSON.stringify(boundTenants) &&
    JSON.stringify(current?.conditions ?? []) === JSON.stringify(conditions);
  return same ? undefined : { observedGeneration: generation, boundTenants, conditions };
}

export async function patchProfileStatus(kc: k8s.KubeConfig, name: string, status: object): Promise<void> {
  await kc
    .makeApiClient(k8s.CustomObjectsApi)
    .patchClusterCustomObjectStatus(
      { group: GROUP, version: VERSION, plural: PROFILE_PLURAL, name, body: { status } },
      mergePatch,
    );
}
