// The tenant program as Pulumi.yaml runs it (through stacks/main.ts) from the Pulumi CLI:
// the tenant comes from stack configuration instead of a Tenant object, the local services from the
// local environment's env.json. The operator runs the same localTenantProgram inline.
//   pulumi config set --path wspec:tenant.tenantId t-acme
//   pulumi config set --path wspec:tenant.tier starter   (and limits.*, admins[0])
//   pulumi config set wspec:envFile "$PWD/.wspec/env.json"
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type LocalTenantProgramOutputs, localTenantProgram } from "./local/index.ts";

const EnvFile = z.object({
  stateDir: z.string(),
  kubernetes: z.object({ kubeconfig: z.string() }),
  postgres: z.object({ url: z.string() }),
  redis: z.object({ url: z.string() }),
});

/** Reads `wspec:tenant` and `wspec:envFile` from the stack's configuration and runs the program. */
export async function tenantProgramFromConfig(): Promise<LocalTenantProgramOutputs> {
  const config = new pulumi.Config("wspec");
  const tenant = config.requireObject<Record<string, unknown>>("tenant");
  const envFile = config.require("envFile");
  const parsed = EnvFile.safeParse(JSON.parse(readFileSync(envFile, "utf8")));
  if (!parsed.success)
    throw new Error(`wspec:envFile ${envFile} is not a wspec environment file (run 'npm run env -- up')`);
  const env = parsed.data;
  const program = localTenantProgram({
    ...(tenant as object),
    connections: {
      postgresAdminUrl: env.postgres.url,
      redisAdminUrl: env.redis.url,
      kubeconfig: readFileSync(env.kubernetes.kubeconfig, "utf8"),
      storageRoot: join(env.stateDir, "tenant-storage"),
    },
  } as Parameters<typeof localTenantProgram>[0]);
  return program();
}
