// The tenant program as Pulumi.yaml runs it (through operator/pulumi-cli/main.ts) from the Pulumi
// CLI. It lives with the operator because, like the operator, it composes the stacks with the
// policies (the same preflight). The tenant and its ComplianceProfile come from stack
// configuration instead of Kubernetes objects, the local services from the local environment's
// env.json. The operator runs the same tenantProgram
// inline. The same preflight refuses what the profile forbids before anything is declared.
//   pulumi config set wspec:tenantId t-acme
//   pulumi config set --path wspec:tenant.tier starter   (a Tenant spec: cloud, region, admins[0], ...)
//   pulumi config set --path 'wspec:profile.frameworks[0]' GDPR   (a ComplianceProfile spec)
//   pulumi config set wspec:envFile "$PWD/.wspec/env.json"   (spec.cloud local only)
// and, to enforce the profile's policy pack: `pulumi preview --policy-pack <buildCompliancePack(...)>`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { withTierDefaults } from "../../crds/defaults.ts";
import { parseComplianceProfileSpec, parseTenantSpec } from "../../crds/parse.ts";
import { summarize } from "../../crds/problems.ts";
import type { LocalTenantConnections } from "../../stacks/local/index.ts";
import { tenantProgram } from "../../stacks/program.ts";
import { preflight } from "../tenant/preflight.ts";

const EnvFile = z.object({
  stateDir: z.string(),
  kubernetes: z.object({ kubeconfig: z.string() }),
  postgres: z.object({ url: z.string() }),
  redis: z.object({ url: z.string() }),
});

function localConnections(envFile: string): LocalTenantConnections {
  const parsed = EnvFile.safeParse(JSON.parse(readFileSync(envFile, "utf8")));
  if (!parsed.success)
    throw new Error(`wspec:envFile ${envFile} is not a wspec environment file (run 'npm run env -- up')`);
  const env = parsed.data;
  return {
    postgresAdminUrl: env.postgres.url,
    redisAdminUrl: env.redis.url,
    kubeconfig: readFileSync(env.kubernetes.kubeconfig, "utf8"),
    storageRoot: join(env.stateDir, "tenant-storage"),
  };
}

/** Reads the tenant, its profile and (for local) the env file from stack configuration, and runs the program. */
export async function tenantProgramFromConfig(): Promise<Record<string, unknown>> {
  const config = new pulumi.Config("wspec");
  const tenantId = config.require("tenantId");
  const spec = parseTenantSpec(config.requireObject("tenant"));
  if (!spec.ok) throw new Error(`wspec:tenant is not a Tenant spec: ${summarize(spec.problems)}`);
  const profile = parseComplianceProfileSpec(config.requireObject("profile"));
  if (!profile.ok)
    throw new Error(`wspec:profile is not a ComplianceProfile spec: ${summarize(profile.problems)}`);
  const problems = preflight(spec.value, profile.value);
  if (problems.length > 0)
    throw new Error(`wspec:tenant is refused by wspec:profile: ${summarize(problems)}`);
  const envFile = spec.value.cloud === "local" ? config.require("envFile") : undefined;
  const program = tenantProgram(withTierDefaults(spec.value), profile.value, {
    tenantId,
    ...(envFile ? { local: localConnections(envFile) } : {}),
  });
  return program();
}
