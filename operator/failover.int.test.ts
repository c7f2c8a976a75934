// The operator survives its own death: killed with SIGKILL mid-update, a new process recovers the
// stack (stale lock cleared, pending operations resolved) and finishes; of two processes only the
// leader reconciles, and the other takes over when the leader dies.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stackName, type Tenant } from "../crds/index.ts";
import { type LocalEnv, loadLocalEnv } from "../scripts/env/index.ts";
import { readStackLocks } from "./pulumi/stack-locks.ts";
import { condition, type TestCluster, testCluster } from "./testing/cluster.ts";
import { type OperatorProcess, startOperator } from "./testing/operator-process.ts";

let env: LocalEnv;
let cluster: TestCluster;
let ns: string;
const operators: OperatorProcess[] = [];
const logDir = mkdtempSync(join(tmpdir(), "wspec-op-"));
const project = () => `wspec-test-failover-${cluster.runId}`;
const ready = (t: Tenant | undefined) => condition(t, "Ready")?.status === "True";
const spec = (name: string) => ({
  displayName: name,
  tier: "starter" as const,
  cloud: "local" as const,
  complianceProfile: `pool-${cluster.runId}`,
  admins: ["admin@example.com"],
});

async function operator(name: string): Promise<OperatorProcess> {
  const op = await startOperator({
    name: `${name}-${cluster.runId}`,
    tenantSelector: cluster.selector,
    pulumiProject: project(),
    logDir,
  });
  operators.push(op);
  return op;
}

const locks = (stack: string) => readStackLocks(env.pulumi.backendUrl, project(), stack);

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  env = await loadLocalEnv();
  cluster = testCluster(env);
  ns = await cluster.namespace("failover");
  await cluster.profile("pool", { frameworks: ["SOC2"], allowedRegions: { local: ["*"] }, pii: "flag" });
});
afterAll(async () => {
  // Tear the tenants down with a live operator, then stop every process.
  if (!operators.some((o) => !o.killed)) await operator("cleanup");
  for (const name of ["crash", "term", "leader-1", "leader-2"])
    await cluster.deleteTenant(ns, name).catch(() => {});
  for (const name of ["crash", "term", "leader-1", "leader-2"]) {
    await cluster.waitFor(ns, name, "gone", (t) => t === undefined, 120_000).catch(() => {});
  }
  for (const op of operators) await op.kill();
  await cluster?.cleanup();
});

describe("operator failover", () => {
  it("a process group killed with SIGKILL during an update is replaced; the tenant reaches Ready with no lock left", async () => {
    const first = await operator("crash-a");
    await cluster.createTenant(ns, "crash", spec("crash"));
    const stack = stackName(ns, "crash");
    // Kill once the engine holds the stack's lock: the update is under way.
    await until("the update to take the stack lock", async () => (await locks(stack)).length > 0, 60_000);
    await first.crash();
    expect((await locks(stack)).length).toBeGreaterThan(0); // left behind by the dead run

    const second = await operator("crash-b");
    const t = await cluster.waitFor(ns, "crash", "Ready after restart", ready, 120_000);
    expect(t?.status?.phase).toBe("Ready");
    expect(await locks(stack)).toEqual([]);
    expect(
      await second.metric("wspec_pulumi_operations_total", { operation: "recover", result: "success" }),
    ).toBe(1);
    const events = await cluster.events(ns, "crash");
    expect(events.map((e) => e.reason)).toContain("StackRecovered");
  });

  it("SIGTERM during an update stops the process cleanly: the update is cancelled, the lock released", async () => {
    for (const op of operators) await op.kill();
    const first = await operator("term-a");
    await cluster.createTenant(ns, "term", spec("term"));
    const stack = stackName(ns, "term");
    await until("the update to take the stack lock", async () => (await locks(stack)).length > 0, 60_000);
    await first.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(await locks(stack)).toEqual([]);

    // The next process needs no recovery: it simply runs the update again.
    const second = await operator("term-b");
    await cluster.waitFor(ns, "term", "Ready", ready, 120_000);
    expect(await second.metric("wspec_pulumi_operations_total", { operation: "recover" })).toBe(0);
  });

  it("of two processes only the leader reconciles; when it dies the other takes over", async () => {
    for (const op of operators) await op.kill();
    const a = await operator("leader-a");
    const b = await operator("leader-b");
    const leaderOf = async () => {
      const [la, lb] = [await a.metric("wspec_operator_leader"), await b.metric("wspec_operator_leader")];
      return la + lb === 1 ? (la === 1 ? a : b) : undefined;
    };
    const leader = await until("exactly one leader", leaderOf, 30_000);
    const standby = leader === a ? b : a;

    await cluster.createTenant(ns, "leader-1", spec("leader-1"));
    await cluster.waitFor(ns, "leader-1", "Ready", ready, 120_000);
    expect(await leader.metric("wspec_reconciles_total")).toBeGreaterThan(0);
    expect(await standby.metric("wspec_reconciles_total")).toBe(0);
    expect(await standby.metric("wspec_pulumi_operations_total")).toBe(0);

    await leader.crash();
    await until(
      "the standby to lead",
      async () => (await standby.metric("wspec_operator_leader")) === 1,
      30_000,
    );
    await cluster.createTenant(ns, "leader-2", spec("leader-2"));
    await cluster.waitFor(ns, "leader-2", "Ready", ready, 120_000);
    expect(
      await standby.metric("wspec_pulumi_operations_total", { operation: "up", result: "success" }),
    ).toBeGreaterThan(0);
  });
});
