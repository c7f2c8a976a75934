// The operator provisions local tenants for real, through the Pulumi CLI, PostgreSQL, Redis and the
// local cluster: Ready with outputs and working credentials; one update per inputs change and none
// otherwise; delete removes everything (Destroy) or keeps it (Retain).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINALIZER, stackName, type Tenant } from "../crds/index.ts";
import { type LocalEnv, loadLocalEnv } from "../scripts/env/index.ts";
import { condition, type TestCluster, testCluster } from "./testing/cluster.ts";
import { type OperatorProcess, startOperator } from "./testing/operator-process.ts";

let env: LocalEnv;
let cluster: TestCluster;
let operator: OperatorProcess;
let ns: string;
let admin: postgres.Sql;
const project = () => `wspec-test-prov-${cluster.runId}`;
const ready = (gen?: number) => (t: Tenant | undefined) =>
  condition(t, "Ready")?.status === "True" && (gen === undefined || t?.status?.observedGeneration === gen);
const ups = () => operator.metric("wspec_pulumi_operations_total", { operation: "up", result: "success" });

beforeAll(async () => {
  env = await loadLocalEnv();
  cluster = testCluster(env);
  ns = await cluster.namespace("prov");
  await cluster.profile("pool", { frameworks: ["SOC2"], allowedRegions: { local: ["*"] }, pii: "flag" });
  admin = postgres(env.postgres.url, { max: 2, onnotice: () => {} });
  operator = await startOperator({
    name: `provisioning-${cluster.runId}`,
    tenantSelector: cluster.selector,
    pulumiProject: project(),
    logDir: mkdtempSync(join(tmpdir(), "wspec-op-")),
  });
});
afterAll(async () => {
  await operator?.kill();
  await admin?.end();
  await cluster?.cleanup();
});

const spec = (tier: "starter" | "enterprise", deletionPolicy: "Destroy" | "Retain" = "Destroy") => ({
  displayName: `Test ${tier}`,
  tier,
  cloud: "local" as const,
  complianceProfile: `pool-${cluster.runId}`,
  admins: ["admin@example.com"],
  deletionPolicy,
});

async function connectionSecret(t: Tenant): Promise<Record<string, string>> {
  const namespace = t.status?.outputs?.namespace ?? "";
  const secret = await cluster.core.readNamespacedSecret({ name: "wspec-tenant-connection", namespace });
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]),
  );
}

async function roleExists(role: string): Promise<boolean> {
  return (await admin`select 1 from pg_roles where rolname = ${role}`).length === 1;
}

async function redisUserExists(user: string): Promise<boolean> {
  const r = new Redis(env.redis.url, { maxRetriesPerRequest: 1 });
  try {
    return (await r.call("ACL", "GETUSER", user)) !== null;
  } finally {
    r.disconnect();
  }
}

describe("local tenants through the operator", () => {
  it("starter and enterprise tenants become Ready with outputs and working, confined credentials", async () => {
    await cluster.createTenant(ns, "starter", spec("starter"));
    await cluster.createTenant(ns, "silo", spec("enterprise"));
    for (const name of ["starter", "silo"]) {
      const t = await cluster.waitFor(ns, name, "Ready", ready(), 240_000);
      if (!t) throw new Error("unreachable");
      expect(t.status?.phase).toBe("Ready");
      expect(t.metadata.finalizers).toContain(FINALIZER);
      expect(condition(t, "Provisioned")?.status).toBe("True");
      expect(condition(t, "Compliant")?.status).toBe("True");
      expect(t.status?.stack).toMatchObject({
        name: stackName(ns, name),
        lastOperation: "up",
        result: "succeeded",
      });
      expect(t.status?.outputs).toMatchObject({
        database: expect.stringMatching(/^postgres:\/\//),
        namespace: expect.any(String),
      });
      // Never a secret in status.
      expect(JSON.stringify(t.status)).not.toMatch(/password|:[^/@]+@/i);

      const conn = await connectionSecret(t);
      const sql = postgres(conn.DATABASE_URL ?? "", { max: 1, onnotice: () => {} });
      try {
        const [me] = await sql<{ user: string }[]>`select current_user as user`;
        expect(me?.user).toBe(conn.DATABASE_USER);
        await expect(sql`create database not_allowed`).rejects.toThrow(/permission denied/);
      } finally {
        await sql.end();
      }
      const redis = new Redis(conn.REDIS_URL ?? "", { maxRetriesPerRequest: 1 });
      try {
        await redis.set(`${conn.REDIS_KEY_PREFIX}probe`, "1");
        await expect(redis.set("someone-else:probe", "1")).rejects.toThrow(/NOPERM/);
      } finally {
        redis.disconnect();
      }
    }
    const silo = await cluster.getTenant(ns, "silo");
    const silodb = (await connectionSecret(silo as Tenant)).DATABASE_NAME ?? "";
    expect((await admin`select 1 from pg_database where datname = ${silodb}`).length).toBe(1);
  });

  it("a limit change runs exactly one update; a spec change outside the inputs runs none", async () => {
    const before = await ups();
    const reconcilesBefore = await operator.metric("wspec_reconciles_total");
    const patched = await cluster.patchSpec(ns, "starter", { limits: { storageGiB: 42 } });
    const t = await cluster.waitFor(
      ns,
      "starter",
      "Ready at the new generation",
      ready(patched.metadata.generation),
    );
    expect(await ups()).toBe(before + 1);
    const quota = await cluster.core.readNamespacedResourceQuota({
      namespace: t?.status?.outputs?.namespace ?? "",
      name:
        (await cluster.core.listNamespacedResourceQuota({ namespace: t?.status?.outputs?.namespace ?? "" }))
          .items[0]?.metadata?.name ?? "",
    });
    expect(quota.spec?.hard?.["requests.storage"]).toBe("42Gi");

    // displayName is not a provisioning input: the reconcile runs, Pulumi does not.
    const renamed = await cluster.patchSpec(ns, "starter", { displayName: "Renamed" });
    await cluster.waitFor(
      ns,
      "starter",
      "observed rename",
      (x) => x?.status?.observedGeneration === renamed.metadata.generation,
    );
    expect(await ups()).toBe(before + 1);
    expect(await operator.metric("wspec_reconciles_total")).toBeGreaterThan(reconcilesBefore);
  });

  it("delete with deletionPolicy Destroy removes database, role, Redis user, stack and finalizer", async () => {
    const t = (await cluster.getTenant(ns, "silo")) as Tenant;
    const conn = await connectionSecret(t);
    await cluster.deleteTenant(ns, "silo");
    await cluster.waitFor(ns, "silo", "gone", (x) => x === undefined, 120_000);
    expect(cluster.stackExists(project(), stackName(ns, "silo"))).toBe(false);
    expect(await roleExists(conn.DATABASE_USER ?? "")).toBe(false);
    expect((await admin`select 1 from pg_database where datname = ${conn.DATABASE_NAME ?? ""}`).length).toBe(
      0,
    );
    expect(await redisUserExists(conn.REDIS_USER ?? "")).toBe(false);
  });

  it("delete with deletionPolicy Retain removes the stack and finalizer but keeps the infrastructure", async () => {
    await cluster.createTenant(ns, "kept", spec("starter", "Retain"));
    const t = (await cluster.waitFor(ns, "kept", "Ready", ready(), 240_000)) as Tenant;
    const conn = await connectionSecret(t);
    await cluster.deleteTenant(ns, "kept");
    await cluster.waitFor(ns, "kept", "gone", (x) => x === undefined, 120_000);
    expect(cluster.stackExists(project(), stackName(ns, "kept"))).toBe(false);
    expect(await roleExists(conn.DATABASE_USER ?? "")).toBe(true);
    expect(await redisUserExists(conn.REDIS_USER ?? "")).toBe(true);
    // Retained means handed over: clean up by hand, as an operator of the platform would.
    await admin.unsafe(`drop owned by "${conn.DATABASE_USER}"; drop role "${conn.DATABASE_USER}"`);
    const r = new Redis(env.redis.url);
    await r.call("ACL", "DELUSER", conn.REDIS_USER ?? "");
    r.disconnect();
  });
});
