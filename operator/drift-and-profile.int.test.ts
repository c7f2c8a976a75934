// Drift is reported, not silently re-applied; a profile change reaches its bound tenants, with one
// update when it changes provisioning inputs and none when it does not.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GROUP, PROFILE_PLURAL, type Tenant, VERSION } from "../crds/index.ts";
import { type LocalEnv, loadLocalEnv } from "../scripts/env/index.ts";
import { condition, type TestCluster, testCluster } from "./testing/cluster.ts";
import { type OperatorProcess, startOperator } from "./testing/operator-process.ts";

let env: LocalEnv;
let cluster: TestCluster;
let operator: OperatorProcess;
let ns: string;
const ready = (t: Tenant | undefined) => condition(t, "Ready")?.status === "True";
const ups = () => operator.metric("wspec_pulumi_operations_total", { operation: "up", result: "success" });
const profileName = () => `drift-${cluster.runId}`;

beforeAll(async () => {
  env = await loadLocalEnv();
  cluster = testCluster(env);
  ns = await cluster.namespace("drift");
  await cluster.profile("drift", { frameworks: ["SOC2"], allowedRegions: { local: ["*"] }, pii: "flag" });
  operator = await startOperator({
    name: `drift-${cluster.runId}`,
    tenantSelector: cluster.selector,
    pulumiProject: `wspec-test-drift-${cluster.runId}`,
    logDir: mkdtempSync(join(tmpdir(), "wspec-op-")),
    env: { WSPEC_DRIFT_CHECK_SECONDS: "10" },
  });
  await cluster.createTenant(ns, "watched", {
    displayName: "Watched",
    tier: "starter",
    cloud: "local",
    complianceProfile: profileName(),
    admins: ["admin@example.com"],
  });
  await cluster.waitFor(ns, "watched", "Ready", ready, 120_000);
});
afterAll(async () => {
  await cluster.deleteTenant(ns, "watched").catch(() => {});
  await cluster.waitFor(ns, "watched", "gone", (t) => t === undefined, 120_000).catch(() => {});
  await operator?.kill();
  await cluster?.cleanup();
});

async function patchProfile(spec: Record<string, unknown>): Promise<void> {
  await cluster.kc
    .makeApiClient(k8s.CustomObjectsApi)
    .patchClusterCustomObject(
      { group: GROUP, version: VERSION, plural: PROFILE_PLURAL, name: profileName(), body: { spec } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
}

describe("drift and profile changes", () => {
  it("the profile's status lists its bound tenants and says it is valid", async () => {
    const co = cluster.kc.makeApiClient(k8s.CustomObjectsApi);
    const deadline = Date.now() + 15_000;
    let status: { boundTenants?: string[]; conditions?: { type: string; status: string }[] } | undefined;
    while (Date.now() < deadline) {
      const p = (await co.getClusterCustomObject({
        group: GROUP,
        version: VERSION,
        plural: PROFILE_PLURAL,
        name: profileName(),
      })) as {
        status?: typeof status;
      };
      status = p.status;
      if (status?.boundTenants?.includes(`${ns}/watched`)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status?.boundTenants).toEqual([`${ns}/watched`]);
    expect(status?.conditions).toContainEqual(expect.objectContaining({ type: "Ready", status: "True" }));
  });

  it("a change made outside Pulumi shows as Drifted=True with an Event, and is not re-applied", async () => {
    const before = await ups();
    const t = (await cluster.getTenant(ns, "watched")) as Tenant;
    const redis = new Redis(env.redis.url);
    await redis.call("ACL", "DELUSER", t.status?.outputs?.redisUser ?? "");
    redis.disconnect();
    const drifted = await cluster.waitFor(
      ns,
      "watched",
      "Drifted",
      (x) => condition(x, "Drifted")?.status === "True",
      60_000,
    );
    expect(condition(drifted, "Drifted")?.message).toMatch(/resource\(s\) differ from the stack/);
    expect(condition(drifted, "Ready")?.status).toBe("True");
    expect((await cluster.events(ns, "watched")).map((e) => e.reason)).toContain("DriftDetected");
    expect(await ups()).toBe(before);
    expect(
      await operator.metric("wspec_pulumi_operations_total", { operation: "refresh", result: "success" }),
    ).toBeGreaterThan(0);
  });

  it("a profile change that alters provisioning inputs runs one update of each bound tenant", async () => {
    const before = await ups();
    const gen = (await cluster.getTenant(ns, "watched"))?.status?.observedInputsHash;
    await patchProfile({ pii: "redact" });
    const t = await cluster.waitFor(
      ns,
      "watched",
      "new inputs applied",
      (x) => ready(x) && x?.status?.observedInputsHash !== gen,
      120_000,
    );
    expect(t?.status?.observedInputsHash).not.toBe(gen);
    expect(await ups()).toBe(before + 1);
  });

  it("a profile change outside the inputs (allowed regions that still admit the tenant) runs none", async () => {
    const before = await ups();
    const reconciles = await operator.metric("wspec_reconciles_total");
    await patchProfile({ allowedRegions: { local: ["*"], aws: ["eu-*"] } });
    // The tenant is requeued and reconciled, but nothing is provisioned.
    const deadline = Date.now() + 20_000;
    while ((await operator.metric("wspec_reconciles_total")) === reconciles && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await operator.metric("wspec_reconciles_total")).toBeGreaterThan(reconciles);
    expect(await ups()).toBe(before);
  });
});
