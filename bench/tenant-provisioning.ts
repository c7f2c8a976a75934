// Wall time from `kubectl apply` of a local Tenant to Ready through the real operator, for one
// tenant and for ten applied at once, against the same program run directly through the Automation
// API in this script (the baseline). Prints a table; asserts nothing.
// Usage: node bench/tenant-provisioning.ts [tenants=10]   (needs `npm run env -- up`)
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { resourcePrefix, type Tenant } from "../crds/index.ts";
import { workspaceOptions } from "../operator/pulumi/engine.ts";
import { condition, testCluster } from "../operator/testing/cluster.ts";
import { startOperator } from "../operator/testing/operator-process.ts";
import { loadLocalEnv, localPulumiEngine } from "../scripts/env/index.ts";
import { localTenantProgram } from "../stacks/index.ts";

const many = Number(process.argv[2] ?? 10);
const env = await loadLocalEnv();
const cluster = testCluster(env);
const ready = (t: Tenant | undefined) => condition(t, "Ready")?.status === "True";
const seconds = (ms: number) => (ms / 1000).toFixed(1);

// Baseline: the same local tenant program, up and destroy, straight through the Automation API.
const program = localTenantProgram({
  tenantId: resourcePrefix("bench", `direct-${cluster.runId}`),
  tier: "starter",
  limits: { storageGiB: 10, documents: 10_000, requestsPerHour: 1_000 },
  admins: ["admin@example.com"],
  connections: {
    postgresAdminUrl: env.postgres.url,
    redisAdminUrl: env.redis.url,
    kubeconfig: readFileSync(env.kubernetes.kubeconfig, "utf8"),
    storageRoot: join(env.stateDir, "tenant-storage"),
  },
});
const stack = await LocalWorkspace.createOrSelectStack(
  { stackName: `bench-direct-${cluster.runId}`, projectName: "wspec-bench-direct", program },
  await workspaceOptions(localPulumiEngine(env), { name: "wspec-bench-direct" }),
);
const t0 = performance.now();
await stack.up();
const direct = performance.now() - t0;
await stack.destroy();
await stack.workspace.removeStack(stack.name);

const ns = await cluster.namespace("bench");
await cluster.profile("bench", { frameworks: ["SOC2"], allowedRegions: { local: ["*"] }, pii: "flag" });
const operator = await startOperator({
  name: `bench-${cluster.runId}`,
  tenantSelector: cluster.selector,
  pulumiProject: `wspec-bench-${cluster.runId}`,
  logDir: mkdtempSync(join(tmpdir(), "wspec-bench-")),
});
const spec = (name: string) => ({
  displayName: name,
  tier: "starter" as const,
  cloud: "local" as const,
  complianceProfile: `bench-${cluster.runId}`,
  admins: ["admin@example.com"],
});
const names: string[] = [];
async function applyAndWait(count: number, prefix: string): Promise<number[]> {
  const batch = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  names.push(...batch);
  const start = performance.now();
  await Promise.all(batch.map((n) => cluster.createTenant(ns, n, spec(n))));
  return Promise.all(
    batch.map(async (n) => {
      await cluster.waitFor(ns, n, "Ready", ready, 600_000);
      return performance.now() - start;
    }),
  );
}

try {
  const [one = 0] = await applyAndWait(1, "one");
  const times = (await applyAndWait(many, "many")).sort((a, b) => a - b);
  const all = times.at(-1) ?? 0;
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `Local tenant provisioning, ${many} at once with WSPEC_MAX_CONCURRENT_OPERATIONS=4 on ${(await import("node:os")).cpus().length} cores`,
  );
  console.table([
    { measurement: "direct Automation API up (baseline)", seconds: seconds(direct), "× baseline": "1.0" },
    {
      measurement: "apply → Ready, 1 tenant",
      seconds: seconds(one),
      "× baseline": (one / direct).toFixed(1),
    },
    {
      measurement: `apply → Ready, ${many} at once: median tenant`,
      seconds: seconds(median),
      "× baseline": (median / direct).toFixed(1),
    },
    {
      measurement: `apply → Ready, ${many} at once: all`,
      seconds: seconds(all),
      "× baseline": (all / direct).toFixed(1),
    },
    {
      measurement: `  per tenant (all ÷ ${many})`,
      seconds: seconds(all / many),
      "× baseline": (all / many / direct).toFixed(1),
    },
  ]);
} finally {
  for (const n of names) await cluster.deleteTenant(ns, n).catch(() => {});
  for (const n of names)
    await cluster.waitFor(ns, n, "gone", (t) => t === undefined, 600_000).catch(() => {});
  await operator.kill();
  await cluster.cleanup();
}
