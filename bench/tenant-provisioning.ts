// Local tenants through the real operator at fleet scale: one tenant alone (the end-to-end profile
// of one `up`), then N applied at once, then all deleted at once; where the time and the CPU go
// (the operator, and its child processes by kind: Pulumi CLI, dynamic provider, Kubernetes
// provider, policy pack), the operator's memory, failed reconciles, and a check that deletion left
// nothing behind (stacks, working directories, PostgreSQL roles and schemas, Redis users,
// namespaces, storage directories). Prints tables; asserts nothing; waits as long as the run needs.
//
// Usage: npm run bench:tenants -- [tenants=10] [--namespaces 5] [--json out.json] [--no-direct]
//        (needs `npm run env -- up`; WSPEC_MAX_CONCURRENT_OPERATIONS etc. pass through to the operator)
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as k8s from "@kubernetes/client-node";
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { Redis } from "ioredis";
import postgres from "postgres";
import { GROUP, resourcePrefix, stackName, TENANT_PLURAL, type Tenant, VERSION } from "../crds/index.ts";
import { workDirOf, workspaceOptions } from "../operator/pulumi/engine.ts";
import { condition, testCluster } from "../operator/testing/cluster.ts";
import { startOperator } from "../operator/testing/operator-process.ts";
import { loadLocalEnv, localPulumiEngine } from "../scripts/env/index.ts";
import { localTenantProgram, tenantNames } from "../stacks/index.ts";
import { type LoadReading, loadBetween, readLoad } from "./machine-load.ts";
import { CHILD_KINDS, cpuByKind, type ProcessRecord, ProcessSampler } from "./process-sampler.ts";

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    namespaces: { type: "string", default: "5" },
    json: { type: "string" },
    "no-direct": { type: "boolean", default: false },
    /** Give up when no tenant changed state for this long (a stuck run still prints its tables). */
    "idle-minutes": { type: "string", default: "20" },
  },
});
const count = Number(positionals[0] ?? 10);
const namespaceCount = Math.max(1, Math.min(count, Number(opts.namespaces)));
const idleMs = Number(opts["idle-minutes"]) * 60_000;
const env = await loadLocalEnv();
const engine = localPulumiEngine(env);
const cluster = testCluster(env);
const co = cluster.kc.makeApiClient(k8s.CustomObjectsApi);
const s = (ms: number) => Number((ms / 1000).toFixed(1));
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const round2 = (x: number) => Number(x.toFixed(2));
const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: readonly number[], p: number) =>
  xs.length === 0
    ? Number.NaN
    : (sorted(xs)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0);
const report: Record<string, unknown> = {
  tenants: count,
  cores: cpus().length,
  maxConcurrentOperations: process.env.WSPEC_MAX_CONCURRENT_OPERATIONS ?? "operator default",
  startedAt: new Date().toISOString(),
};

// ---------------------------------------------------------------------------------------------
// Baseline: the same local tenant program, up and destroy, straight through the Automation API.
let direct: { wallMs: number; cpu: Record<string, number>; selfCpu: number } | undefined;
if (!opts["no-direct"]) {
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
  const name = `bench-direct-${cluster.runId}`;
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: name, projectName: "wspec-bench-direct", program },
    await workspaceOptions(engine, { name: "wspec-bench-direct" }, name),
  );
  const self = new ProcessSampler(process.pid, 100);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await stack.up();
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  self.stop();
  direct = {
    wallMs,
    cpu: cpuByKind(self.records()),
    selfCpu: (used.user + used.system) / 1e6 - self.samplingCpuSeconds,
  };
  await stack.destroy();
  await stack.workspace.removeStack(name);
}

// ---------------------------------------------------------------------------------------------
const namespaces: string[] = [];
for (let i = 0; i < namespaceCount; i++) namespaces.push(await cluster.namespace(`bench${i}`));
await cluster.profile("bench", { frameworks: ["SOC2"], allowedRegions: { local: ["*"] }, pii: "flag" });
const project = `wspec-bench-${cluster.runId}`;
const operator = await startOperator({
  name: `bench-${cluster.runId}`,
  tenantSelector: cluster.selector,
  pulumiProject: project,
  logDir: mkdtempSync(join(tmpdir(), "wspec-bench-")),
});
const sampler = new ProcessSampler(operator.pid);
const spec = (name: string) => ({
  displayName: name,
  tier: "starter" as const,
  cloud: "local" as const,
  complianceProfile: `bench-${cluster.runId}`,
  admins: ["admin@example.com"],
});

interface Key {
  readonly namespace: string;
  readonly name: string;
}
const all: Key[] = [];
const keyOf = (k: Key) => `${k.namespace}/${k.name}`;

async function listTenants(): Promise<Map<string, Tenant>> {
  const list = (await co.listClusterCustomObject({
    group: GROUP,
    version: VERSION,
    plural: TENANT_PLURAL,
    labelSelector: cluster.selector,
  })) as { items: Tenant[] };
  return new Map(list.items.map((t) => [`${t.metadata.namespace}/${t.metadata.name}`, t]));
}

interface Phase {
  readonly name: string;
  readonly startMs: number; // sampler clock
  readonly endMs: number;
  readonly startEpoch: number;
  readonly endEpoch: number;
  readonly operatorCpu: number;
  readonly childrenCpuExact: number;
  readonly load: ReturnType<typeof loadBetween>;
  /** Time from the phase's start until each tenant reached the goal (ms), by key. */
  readonly reached: Map<string, number>;
  readonly stalled: Map<string, string>;
  readonly ops: number;
}

/** Runs `act`, then polls the tenants once a second until each reached `goal` or stalled. */
async function phase(
  name: string,
  keys: readonly Key[],
  act: () => Promise<void>,
  goal: (t: Tenant | undefined) => boolean,
): Promise<Phase> {
  const load0: LoadReading = readLoad();
  sampler.sample();
  const op0 = sampler.operator;
  const startMs = sampler.now();
  const startEpoch = Date.now();
  await act();
  const reached = new Map<string, number>();
  const stalled = new Map<string, string>();
  let lastChange = Date.now();
  while (reached.size + stalled.size < keys.length) {
    await new Promise((r) => setTimeout(r, 1_000));
    const tenants = await listTenants();
    for (const k of keys) {
      const key = keyOf(k);
      if (reached.has(key) || stalled.has(key)) continue;
      const t = tenants.get(key);
      if (goal(t)) {
        reached.set(key, Date.now() - startEpoch);
        lastChange = Date.now();
      } else if (condition(t, "Stalled")?.status === "True") {
        stalled.set(key, condition(t, "Stalled")?.message ?? "stalled");
        lastChange = Date.now();
      }
    }
    if (Date.now() - lastChange > idleMs) {
      console.error(
        `${name}: no tenant changed state for ${opts["idle-minutes"]} min; giving up on the rest`,
      );
      break;
    }
  }
  sampler.sample();
  const op1 = sampler.operator;
  return {
    name,
    startMs,
    endMs: sampler.now(),
    startEpoch,
    endEpoch: Date.now(),
    operatorCpu: op1.selfCpuSeconds - op0.selfCpuSeconds,
    childrenCpuExact: op1.childrenCpuSeconds - op0.childrenCpuSeconds,
    load: loadBetween(load0, readLoad()),
    reached,
    stalled,
    ops: keys.length,
  };
}

const isReady = (t: Tenant | undefined) => condition(t, "Ready")?.status === "True";
const isGone = (t: Tenant | undefined) => t === undefined;
const createAll = async (keys: readonly Key[]) => {
  all.push(...keys);
  // A few at a time: the API server is on the same two cores.
  for (let i = 0; i < keys.length; i += 20)
    await Promise.all(
      keys.slice(i, i + 20).map((k) => cluster.createTenant(k.namespace, k.name, spec(k.name))),
    );
};
const deleteAll = async (keys: readonly Key[]) => {
  for (let i = 0; i < keys.length; i += 20)
    await Promise.all(keys.slice(i, i + 20).map((k) => cluster.deleteTenant(k.namespace, k.name)));
};

const one: Key[] = [{ namespace: namespaces[0] ?? "", name: "one" }];
const many: Key[] = Array.from({ length: count }, (_, i) => ({
  namespace: namespaces[i % namespaces.length] ?? "",
  name: `t${i}`,
}));
let phases: Phase[] = [];
let leftovers: Record<string, string[]> = {};
try {
  const p1 = await phase("1 tenant alone", one, () => createAll(one), isReady);
  const p2 = await phase(`${count} at once`, many, () => createAll(many), isReady);
  const p3 = await phase(
    `delete ${count + 1}`,
    [...one, ...many],
    () => deleteAll([...one, ...many]),
    isGone,
  );
  phases = [p1, p2, p3];
  leftovers = await findLeftovers([...one, ...many]);
} finally {
  sampler.stop();
  const metrics = await operator.metrics().catch(() => "");
  report.failedReconciles = metricValue(metrics, "wspec_reconciles_total", { result: "error" });
  report.stalledReconciles = metricValue(metrics, "wspec_reconciles_total", { result: "stalled" });
  report.pulumiFailures = metricValue(metrics, "wspec_pulumi_operations_total", { result: "failure" });
  report.operatorPeakRssMB = mb(sampler.operator.peakRssBytes);
  await operator.kill();
  // Anything still there (an interrupted run) is deleted without waiting.
  for (const k of all) await cluster.deleteTenant(k.namespace, k.name).catch(() => {});
  await cluster.cleanup();
}

// ---------------------------------------------------------------------------------------------
// Tables.
const logLines = readFileSync(operator.logFile, "utf8")
  .split("\n")
  .flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
const failures = logLines
  .filter((l) => l.msg === "reconcile failed")
  .map((l) => `${String(l.tenant)}: ${String(l.err).replace(/\s+/g, " ").slice(0, 300)}`);
const opSeconds = (operation: string, p: Phase) =>
  logLines
    .filter(
      (l) =>
        l.msg === "pulumi operation succeeded" &&
        l.operation === operation &&
        Number(l.time) >= p.startEpoch &&
        Number(l.time) <= p.endEpoch,
    )
    .map((l) => Number(l.seconds));

const [alone, fleet, deletion] = phases;
const cores = cpus().length;
console.log(
  `\nLocal starter tenants through the operator: ${count} at once over ${namespaceCount} namespace(s), ` +
    `${cores} cores, WSPEC_MAX_CONCURRENT_OPERATIONS=${report.maxConcurrentOperations}`,
);
if (fleet && deletion) {
  const times = [...fleet.reached.values()];
  const at = (fraction: number) => {
    const need = Math.ceil(fraction * count);
    return times.length >= need ? s(sorted(times)[need - 1] ?? 0) : "not reached";
  };
  const readyAll = times.length === count ? (sorted(times).at(-1) ?? 0) : Number.NaN;
  const summary = {
    "tenants Ready": `${times.length} of ${count}`,
    "stalled tenants": fleet.stalled.size,
    "time to 50% Ready (s)": at(0.5),
    "time to 90% Ready (s)": at(0.9),
    "time to 100% Ready (s)": at(1),
    "tenants per minute": Number.isNaN(readyAll) ? "n/a" : round2((count / readyAll) * 60_000),
    "time to delete all (s)":
      deletion.reached.size === count + 1
        ? s(sorted([...deletion.reached.values()]).at(-1) ?? 0)
        : `${deletion.reached.size} of ${count + 1} gone`,
    "left behind after deletion": Object.values(leftovers).flat().length,
    "failed reconciles": report.failedReconciles,
    "failed Pulumi operations": report.pulumiFailures,
    "operator peak RSS (MB)": report.operatorPeakRssMB,
    "operator CPU, provisioning (s)": round2(fleet.operatorCpu),
    "children CPU, provisioning (s)": round2(fleet.childrenCpuExact),
    "operator CPU, deletion (s)": round2(deletion.operatorCpu),
    "children CPU, deletion (s)": round2(deletion.childrenCpuExact),
  };
  console.table(summary);
  Object.assign(report, { summary });
}

// The machine is shared: how busy it was, and how much of it was this run.
const loadRows = phases.map((p) => {
  const ours = (p.operatorCpu + p.childrenCpuExact) / p.load.wallSeconds;
  return {
    phase: p.name,
    "wall (s)": round2(p.load.wallSeconds),
    "machine busy cores": round2(p.load.busyCores),
    "operator + children cores": round2(ours),
    "environment services cores": round2(p.load.servicesCores),
    "everything else cores": round2(Math.max(0, p.load.busyCores - ours - p.load.servicesCores)),
    "load average (1 min) at end": p.load.loadavg1,
  };
});
console.log("\nMachine load during each phase (of", cores, "cores)");
console.table(loadRows);
report.load = loadRows;

// Per operation: wall (from the operator's log) and CPU seconds by process kind.
const records = sampler.records();
const perOperation = phases.map((p) => {
  const byKind = cpuByKind(records, p.startMs, p.endMs);
  const sampledChildren = CHILD_KINDS.reduce((a, k) => a + (byKind[k] ?? 0), 0);
  const operation = p === deletion ? "destroy" : "up";
  const walls = opSeconds(operation, p);
  const row: Record<string, string | number> = {
    phase: p.name,
    operation,
    operations: p.ops,
    "wall median (s)": round2(pct(walls, 50)),
    "wall p90 (s)": round2(pct(walls, 90)),
    "operator CPU (s)": round2(p.operatorCpu / p.ops),
  };
  for (const k of CHILD_KINDS) row[`${k} CPU (s)`] = round2((byKind[k] ?? 0) / p.ops);
  row["children CPU, exact (s)"] = round2(p.childrenCpuExact / p.ops);
  row["total CPU (s)"] = round2((p.operatorCpu + p.childrenCpuExact) / p.ops);
  row["sampled / exact"] = p.childrenCpuExact > 0 ? round2(sampledChildren / p.childrenCpuExact) : "n/a";
  return row;
});
if (direct) {
  const row: Record<string, string | number> = {
    phase: "direct Automation API (baseline)",
    operation: "up",
    operations: 1,
    "wall median (s)": s(direct.wallMs),
    "wall p90 (s)": s(direct.wallMs),
    "operator CPU (s)": round2(direct.selfCpu),
  };
  for (const k of CHILD_KINDS) row[`${k} CPU (s)`] = round2(direct.cpu[k] ?? 0);
  perOperation.unshift(row);
}
console.log("\nPer operation: wall time, and CPU seconds per operation by process (mean over the phase)");
console.table(perOperation);
report.perOperation = perOperation;

// The one tenant alone, process by process: where one `up` spends its time.
if (alone) {
  const inAlone = records.filter((r) => r.firstSeenMs >= alone.startMs && r.firstSeenMs < alone.endMs);
  const groups = new Map<string, ProcessRecord[]>();
  for (const r of inAlone) {
    const key = `${r.kind}${r.command ? `: pulumi ${r.command}` : ""}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows = [...groups]
    .map(([what, rs]) => ({
      process: what,
      count: rs.length,
      "CPU (s)": round2(rs.reduce((a, r) => a + r.cpuSeconds, 0)),
      "alive (s, summed)": round2(rs.reduce((a, r) => a + (r.lastSeenMs - r.firstSeenMs) / 1000, 0)),
    }))
    .sort((a, b) => b["CPU (s)"] - a["CPU (s)"]);
  rows.push({
    process: "operator (node, itself)",
    count: 1,
    "CPU (s)": round2(alone.operatorCpu),
    "alive (s, summed)": round2(alone.load.wallSeconds),
  });
  const [first] = alone.reached.values();
  console.log(
    `\nOne tenant alone, apply → Ready ${first === undefined ? "not reached" : `in ${s(first)} s`}: processes by kind (sampled every 200 ms)`,
  );
  console.table(rows);
  report.oneTenant = { applyToReadySeconds: first === undefined ? null : s(first), processes: rows };
}

console.log("\nLeft behind after deleting every tenant");
console.table(
  Object.fromEntries(
    Object.entries(leftovers).map(([k, v]) => [k, v.length === 0 ? "none" : v.slice(0, 5).join(", ")]),
  ),
);
report.leftovers = leftovers;
if (failures.length > 0) {
  console.log(`\nFailed reconciles (${failures.length}; first 10):`);
  for (const f of failures.slice(0, 10)) console.log(`  ${f}`);
}
for (const p of phases)
  for (const [k, why] of p.stalled) console.log(`stalled in "${p.name}": ${k}: ${why.slice(0, 300)}`);
report.failures = failures;
console.log(`\noperator log: ${operator.logFile}`);
if (opts.json) writeFileSync(opts.json, JSON.stringify(report, null, 2));

// ---------------------------------------------------------------------------------------------
function metricValue(text: string, name: string, labels: Record<string, string>): number {
  let total = 0;
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries(
      (m[3] ?? "")
        .split(",")
        .filter(Boolean)
        .map((kv) => kv.split("=").map((x) => x.replace(/^"|"$/g, ""))),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) total += Number(m[4]);
  }
  return total;
}

/** What the deleted tenants could have left: each list should be empty. */
async function findLeftovers(keys: readonly Key[]): Promise<Record<string, string[]>> {
  const ids = keys.map((k) => resourcePrefix(k.namespace, k.name));
  const names = ids.map((id) => tenantNames(id, "starter"));
  const stacks = keys.map((k) => stackName(k.namespace, k.name));
  const backend = new URL(engine.backendUrl).pathname;
  const stackDir = join(backend, ".pulumi", "stacks", project);
  const stackFiles = existsSync(stackDir) ? readdirSync(stackDir) : [];
  const out: Record<string, string[]> = {};
  // `stack rm` leaves a .bak of the last checkpoint (and the history): those are not stacks.
  out.stacks = stacks.filter((st) => stackFiles.some((f) => f === `${st}.json` || f === `${st}.json.gz`));
  const stackDirs = join(workDirOf(engine, project), "stacks");
  out["stack working directories"] = existsSync(stackDirs) ? readdirSync(stackDirs) : [];
  const sql = postgres(env.postgres.url, { max: 1, onnotice: () => {} });
  try {
    const roles = names.map((n) => n.role);
    out["PostgreSQL roles"] = (
      await sql<{ rolname: string }[]>`select rolname from pg_roles where rolname = any(${roles})`
    ).map((r) => r.rolname);
    const schemas = ids.map((id) => `tenant_${id.replaceAll("-", "_")}`);
    out["PostgreSQL schemas"] = (
      await sql<{ nspname: string }[]>`select nspname from pg_namespace where nspname = any(${schemas})`
    ).map((r) => r.nspname);
    out["PostgreSQL databases"] = (
      await sql<{ datname: string }[]>`select datname from pg_database where datname = any(${schemas})`
    ).map((r) => r.datname);
  } finally {
    await sql.end();
  }
  const redis = new Redis(env.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const users = new Set((await redis.call("ACL", "USERS")) as string[]);
    out["Redis users"] = names.map((n) => n.redisUser).filter((u) => users.has(u));
  } finally {
    redis.disconnect();
  }
  const present: string[] = [];
  for (const n of names) {
    try {
      const ns = await cluster.core.readNamespace({ name: n.namespace });
      present.push(`${n.namespace}${ns.status?.phase === "Terminating" ? " (Terminating)" : ""}`);
    } catch (err) {
      if (!(err instanceof k8s.ApiException && err.code === 404)) throw err;
    }
  }
  out.namespaces = present;
  const storage = join(env.stateDir, "tenant-storage");
  out["storage directories"] = ids.filter((id) => existsSync(join(storage, id)));
  return out;
}
