// The operator passes the compliance pack built from a tenant's ComplianceProfile on every `up`,
// for real (file backend, local services, kube-apiserver): a tenant its profile's rules admit
// becomes Ready with the runtime deployed; one the local stack cannot satisfy (deletion protection
// on its own database) passes preflight, is refused by the pack before anything is made, and its
// conditions name the rule and the resource.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tenant } from "../crds/index.ts";
import { loadLocalEnv } from "../scripts/env/index.ts";
import { condition, type TestCluster, testCluster } from "./testing/cluster.ts";
import { type OperatorProcess, startOperator } from "./testing/operator-process.ts";

let cluster: TestCluster;
let operator: OperatorProcess;
let ns: string;
let apps: k8s.AppsV1Api;

beforeAll(async () => {
  const env = await loadLocalEnv();
  cluster = testCluster(env);
  ns = await cluster.namespace("policy");
  await cluster.profile("soc2", { frameworks: ["SOC2"], allowedRegions: { local: ["*"] } });
  await cluster.profile("protected", {
    frameworks: ["SOX"],
    allowedRegions: { local: ["*"] },
    deletionProtection: true,
  });
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(env.kubernetes.kubeconfig);
  apps = kc.makeApiClient(k8s.AppsV1Api);
  operator = await startOperator({
    name: `policy-${cluster.runId}`,
    tenantSelector: cluster.selector,
    pulumiProject: `wspec-test-policy-${cluster.runId}`,
    logDir: mkdtempSync(join(tmpdir(), "wspec-op-")),
  });
});
afterAll(async () => {
  await operator?.kill();
  await cluster?.cleanup();
});

const spec = (profile: string, deletionPolicy: "Destroy" | "Retain") => ({
  displayName: "Policy test",
  tier: "enterprise" as const,
  cloud: "local" as const,
  complianceProfile: `${profile}-${cluster.runId}`,
  admins: ["admin@example.com"],
  deletionPolicy,
});

describe("the compliance pack on every up", () => {
  it("lets a compliant tenant through, runtime included, and refuses one naming rule and resource", async () => {
    await cluster.createTenant(ns, "ok", spec("soc2", "Destroy"));
    await cluster.createTenant(ns, "refused", spec("protected", "Retain"));

    const refused = (await cluster.waitFor(
      ns,
      "refused",
      "refused by policy",
      (t) => condition(t, "Stalled")?.reason === "PolicyViolation",
      240_000,
    )) as Tenant;
    const ready = condition(refused, "Ready");
    expect(ready).toMatchObject({ status: "False", reason: "PolicyViolation" });
    expect(ready?.message).toMatch(/refused by policy: rule deletion-protection \(wspec-compliance\)/);
    expect(ready?.message).toMatch(
      /t-[a-z0-9-]+-(postgres|storage) \(pulumi-nodejs:dynamic\/local:(PostgresTenant|StorageDir)\): protect is false/,
    );
    expect(condition(refused, "Compliant")).toMatchObject({ status: "False", reason: "PolicyViolation" });
    expect(condition(refused, "Provisioned")).toMatchObject({ status: "False", reason: "PolicyViolation" });
    expect(refused.status?.phase).toBe("Failed");
    // Refused before anything was made: no namespace, no runtime.
    expect(refused.status?.outputs).toBeUndefined();
    // The Event is recorded after the status that the wait above saw: it may lag behind it.
    await expect
      .poll(async () => (await cluster.events(ns, "refused")).map((e) => e.reason), { timeout: 30_000 })
      .toContain("PolicyViolation");

    const ok = (await cluster.waitFor(
      ns,
      "ok",
      "Ready",
      (t) => condition(t, "Ready")?.status === "True",
      240_000,
    )) as Tenant;
    const namespace = ok.status?.outputs?.namespace ?? "";
    expect(ok.status?.outputs?.endpoint).toBe(`http://wspec-runtime.${namespace}.svc.cluster.local`);
    const deployment = await apps.readNamespacedDeployment({ name: "wspec-runtime", namespace });
    expect(deployment.spec?.template.spec?.containers[0]?.envFrom).toEqual([
      { secretRef: { name: "wspec-tenant-connection" } },
    ]);

    // Retain on a tenant that never got anything: it goes away, and so does the Destroy one's stack.
    await cluster.deleteTenant(ns, "refused");
    await cluster.deleteTenant(ns, "ok");
    await cluster.waitFor(ns, "refused", "gone", (t) => t === undefined, 120_000);
    await cluster.waitFor(ns, "ok", "gone", (t) => t === undefined, 120_000);
  });
});
