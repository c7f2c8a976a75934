// Which Pulumi program provisions a tenant, by spec.cloud. The local target runs the whole path on
// this machine; the AWS, Azure and GCP stacks join with their issue, and until then a tenant asking
// for them is told so instead of half-provisioned.
import type { OutputMap } from "@pulumi/pulumi/automation/index.js";
import {
  type LocalTenantConnections,
  localTenantProgram,
  readLocalTenantOutputs,
} from "../../stacks/index.ts";
import { resourcePrefix, type TenantOutputs } from "../api/index.ts";
import type { ProgramFactory } from "./tenant-reconciler.ts";

export const AVAILABLE_CLOUDS = ["local"] as const;

export function tenantPrograms(local: LocalTenantConnections | undefined): ProgramFactory {
  return ({ namespace, name, spec }) => {
    if (spec.cloud !== "local") {
      return {
        field: "spec.cloud",
        reason: "CloudNotAvailable",
        message: `spec.cloud "${spec.cloud}" is not provisioned by this operator version: available [${AVAILABLE_CLOUDS.join(", ")}]`,
      };
    }
    if (!local) {
      return {
        field: "spec.cloud",
        reason: "LocalTargetNotConfigured",
        message: `spec.cloud "local": this operator has no local target (start it with the local environment's env.json)`,
      };
    }
    let program: ReturnType<typeof localTenantProgram>;
    try {
      program = localTenantProgram({
        tenantId: resourcePrefix(namespace, name),
        tier: spec.tier,
        limits: spec.limits,
        admins: spec.admins,
        labels: { "wspec.io/tenant-namespace": namespace, "wspec.io/tenant-name": name },
        connections: local,
      });
    } catch (err) {
      return {
        field: "spec",
        reason: "TargetArgsInvalid",
        message: `the local target refused the tenant: ${String(err)}`,
      };
    }
    return { program, outputs: localOutputs };
  };
}

/** The stack's outputs as status.outputs: where things are, never a credential. */
function localOutputs(raw: OutputMap): TenantOutputs {
  const { val, err } = readLocalTenantOutputs(raw);
  if (err !== undefined) {
    throw new Error(
      `the local stack's outputs are not as expected (got [${Object.keys(raw).join(", ")}]): ${err}`,
    );
  }
  return {
    database: `postgres://${val.database.host}:${val.database.port}/${val.database.name}?schema=${val.database.schema}&user=${val.database.user}`,
    storage: `file://${val.storage.path}`,
    namespace: val.namespace,
    redisUser: val.redis.user,
  };
}
