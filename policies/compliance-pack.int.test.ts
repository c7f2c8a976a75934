// The compliance pack enforced on a real `up` of the local target (file backend, real PostgreSQL,
// Redis and kube-apiserver): a profile the stack satisfies lets it through; a profile whose rule
// the local stack cannot satisfy stops it before any change, naming the resource and the rule.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComplianceProfileSpecInput } from "../crds/profile-schema.ts";
import { workspaceOptions } from "../operator/pulumi/engine.ts";
import { type LocalEnv, loadLocalEnv, localPulumiEngine } from "../scripts/env/index.ts";
import { localTenantProgram } from "../stacks/index.ts";
import { buildCompliancePack } from "./compliance-pack-build.ts";

const PROJECT = "wspec-test-compliance";
let env: LocalEnv;
let storageRoot: string;
let packRoot: string;
let core: k8s.CoreV1Api;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  env = await loadLocalEnv();
  storageRoot = mkdtempSync(join(tmpdir(), "wspec-storage-"));
  packRoot = join(env.stateDir, "policy-packs", `test-${randomUUID().slice(0, 8)}`);
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(env.kubernetes.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup().catch(() => {});
  rmSync(storageRoot, { recursive: true, force: true });
  rmSync(packRoot, { recursive: true, force: true });
});

async function enterpriseStack(tenantId: string): Promise<Stack> {
  const program = localTenantProgram({
    tenantId,
    tier: "enterprise",
    limits: { storageGiB: 1, documents: 100, requestsPerHour: 100 },
    admins: ["admin@example.com"],
    connections: {
      postgresAdminUrl: env.postgres.url,
      redisAdminUrl: env.redis.url,
      kubeconfig: readFileSync(env.kubernetes.kubeconfig, "utf8"),
      storageRoot,
    },
  });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: tenantId, projectName: PROJECT, program },
    await workspaceOptions(localPulumiEngine(env), { name: PROJECT }),
  );
  cleanups.push(async () => {
    await stack.destroy();
    await stack.workspace.removeStack(tenantId);
  });
  return stack;
}

const pack = (profile: ComplianceProfileSpecInput) =>
  buildCompliancePack(
    {
      profileName: "test-profile",
      profile,
      tenant: { tier: "enterprise", cloud: "local", deletionPolicy: "Retain" },
    },
    packRoot,
  );

describe("the compliance pack on the local target", () => {
  it("passes a local enterprise tenant under a SOC 2 profile", async () => {
    const id = `cp-ok-${randomUUID().slice(0, 6)}`;
    const stack = await enterpriseStack(id);
    const policies: string[] = [];
    const up = await stack.up({
      policyPacks: [await pack({ frameworks: ["SOC2"], allowedRegions: { local: ["*"] } })],
      onEvent: (e) => {
        if (e.policyEvent) policies.push(`${e.policyEvent.policyName}: ${e.policyEvent.message}`);
      },
    });
    expect(up.summary.result).toBe("succeeded");
    expect(policies).toEqual([]);
    expect((await core.readNamespace({ name: `tenant-${id}` })).metadata?.name).toBe(`tenant-${id}`);
  });

  it("refuses the same tenant, naming resource and rule, when the profile requires deletion protection", async () => {
    const id = `cp-no-${randomUUID().slice(0, 6)}`;
    const stack = await enterpriseStack(id);
    const policyPacks = [
      await pack({ frameworks: ["SOC2"], allowedRegions: { local: ["*"] }, deletionProtection: true }),
    ];
    const violation = new RegExp(
      `${id}-(postgres|storage) \\(pulumi-nodejs:dynamic/local:(PostgresTenant|StorageDir)\\): protect is false: a data store without a deletion flag of its own must be protected`,
    );
    // A preview sees every resource before anything is made: refused there, nothing exists.
    const previewed = stack.preview({ policyPacks });
    await expect(previewed).rejects.toThrow(/deletion-protection/);
    await expect(previewed).rejects.toThrow(/mandatory/);
    await expect(previewed).rejects.toThrow(violation);
    await expect(core.readNamespace({ name: `tenant-${id}` })).rejects.toMatchObject({ code: 404 });
    // The update refuses as well (the engine stops at the first data store it analyses).
    await expect(stack.up({ policyPacks })).rejects.toThrow(violation);
  });
});
