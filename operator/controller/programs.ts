// Which Pulumi program provisions a tenant: stacks/tenantProgram, chosen from spec.cloud and
// spec.tier, and the compliance pack built from its ComplianceProfile that every `up` must pass.
// A cloud whose provider plugin is not installed next to the engine is refused with the plugin
// named, instead of failing halfway through an update.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { OutputMap } from "@pulumi/pulumi/automation/index.js";
import { type Cloud, resourcePrefix, type TenantOutputs } from "../../crds/index.ts";
import { buildCompliancePack } from "../../policies/index.ts";
import { type LocalTenantConnections, readLocalTenantOutputs } from "../../stacks/index.ts";
import { tenantProgram } from "../../stacks/program.ts";
import type { PulumiEngineConfig } from "../pulumi/engine.ts";
import type { ProgramFactory } from "./tenant-reconciler.ts";

/** The provider plugins a cloud's program needs (the runtime needs Kubernetes everywhere). */
export const CLOUD_PLUGINS: Readonly<Record<Cloud, readonly string[]>> = {
  local: ["kubernetes"],
  aws: ["aws", "kubernetes"],
  azure: ["azure-native", "kubernetes"],
  gcp: ["gcp", "kubernetes"],
};

export interface TenantProgramsOptions {
  readonly local: LocalTenantConnections | undefined;
  readonly engine: Pick<PulumiEngineConfig, "binDir" | "home">;
  /** Where compliance packs are built (one directory per profile and tenant shape). */
  readonly policyPackRoot: string;
  readonly runtimeImage?: string;
}

/** Whether the engine can load a provider plugin: beside the CLI, on PATH, or in PULUMI_HOME. */
export function pluginInstalled(pkg: string, engine: Pick<PulumiEngineConfig, "binDir" | "home">): boolean {
  const binary = `pulumi-resource-${pkg}`;
  const dirs = [engine.binDir, ...(process.env.PATH ?? "").split(":").filter(Boolean)];
  if (dirs.some((d) => existsSync(join(d, binary)))) return true;
  const plugins = join(engine.home, "plugins");
  return existsSync(plugins) && readdirSync(plugins).some((d) => d.startsWith(`resource-${pkg}-v`));
}

export function tenantPrograms(opts: TenantProgramsOptions): ProgramFactory {
  return ({ namespace, name, spec, profile }) => {
    const missing = CLOUD_PLUGINS[spec.cloud].filter((p) => !pluginInstalled(p, opts.engine));
    if (missing.length > 0) {
      const available = (Object.keys(CLOUD_PLUGINS) as Cloud[]).filter((c) =>
        CLOUD_PLUGINS[c].every((p) => pluginInstalled(p, opts.engine)),
      );
      return {
        field: "spec.cloud",
        reason: "CloudNotAvailable",
        message: `spec.cloud "${spec.cloud}" needs the Pulumi provider plugin(s) ${missing.map((p) => `pulumi-resource-${p}`).join(", ")}, not installed for this operator (looked in ${opts.engine.binDir}, PATH and ${join(opts.engine.home, "plugins")}): available [${available.join(", ")}]`,
      };
    }
    if (spec.cloud === "local" && !opts.local) {
      return {
        field: "spec.cloud",
        reason: "LocalTargetNotConfigured",
        message: `spec.cloud "local": this operator has no local target (start it with the local environment's env.json)`,
      };
    }
    let program: ReturnType<typeof tenantProgram>;
    try {
      program = tenantProgram(spec, profile, {
        tenantId: resourcePrefix(namespace, name),
        labels: { "wspec.io/tenant-namespace": namespace, "wspec.io/tenant-name": name },
        ...(opts.local ? { local: opts.local } : {}),
        ...(opts.runtimeImage ? { runtimeImage: opts.runtimeImage } : {}),
      });
    } catch (err) {
      return {
        field: "spec",
        reason: "TargetArgsInvalid",
        message: `the ${spec.cloud} target refused the tenant: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    return {
      program,
      outputs: spec.cloud === "local" ? localOutputs : cloudOutputs,
      policyPack: () =>
        buildCompliancePack(
          {
            profileName: spec.complianceProfile,
            profile,
            tenant: {
              tier: spec.tier,
              cloud: spec.cloud,
              ...(spec.region ? { region: spec.region } : {}),
              deletionPolicy: spec.deletionPolicy,
            },
          },
          opts.policyPackRoot,
        ),
    };
  };
}

const endpointOf = (raw: OutputMap) =>
  typeof raw.endpoint?.value === "string" ? { endpoint: raw.endpoint.value } : {};

/** What stands for a secret output whose value the operator was not given (see below). */
const UNREAD_CREDENTIALS = { databaseUrl: "", databasePassword: "", redisUrl: "", redisPassword: "" };

/** The stack's outputs as status.outputs: where things are, never a credential. */
function localOutputs(raw: OutputMap): TenantOutputs {
  // Outputs taken from the update's events carry secrets without their value: the operator never
  // needs one (credentials go to the tenant's Secret inside the program). That they are secret is
  // still checked; their shape only when the value is there.
  const credentials = raw.credentials;
  const { val, err } = readLocalTenantOutputs(
    credentials?.secret && credentials.value === undefined
      ? { ...raw, credentials: { value: UNREAD_CREDENTIALS, secret: true } }
      : raw,
  );
  if (err !== undefined) {
    throw new Error(
      `the local stack's outputs are not as expected (got [${Object.keys(raw).join(", ")}]): ${err}`,
    );
  }
  return {
    ...endpointOf(raw),
    database: `postgres://${val.database.host}:${val.database.port}/${val.database.name}?schema=${val.database.schema}&user=${val.database.user}`,
    storage: `file://${val.storage.path}`,
    namespace: val.namespace,
    redisUser: val.redis.user,
  };
}

function cloudOutputs(raw: OutputMap): TenantOutputs {
  return {
    ...endpointOf(raw),
    ...(typeof raw.namespace?.value === "string" ? { namespace: raw.namespace.value } : {}),
  };
}
