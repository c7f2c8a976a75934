// One entry for callers that hold a tenant of any tier: enterprise gets a silo, the others a place
// on the pool platform (which they must name).
import type * as pulumi from "@pulumi/pulumi";
import type { AwsPoolPlatformRef } from "./platform.ts";
import { AwsTenantPool } from "./pool.ts";
import { AwsTenantSilo, type AwsTenantSiloArgs } from "./silo.ts";

export interface AwsTenantAnyArgs extends AwsTenantSiloArgs {
  /** Required for professional and starter: the pool platform's stack name, or its outputs. */
  readonly platform?: string | AwsPoolPlatformRef;
}

export function awsTenant(
  name: string,
  args: AwsTenantAnyArgs,
  opts?: pulumi.ComponentResourceOptions,
): AwsTenantSilo | AwsTenantPool {
  if (args.tier === "enterprise") return new AwsTenantSilo(name, args, opts);
  if (args.platform === undefined) {
    throw new Error(
      `platform is required for tier "${args.tier}": the pool platform's stack name (org/project/stack)`,
    );
  }
  return new AwsTenantPool(name, { ...args, platform: args.platform }, opts);
}
