// The main job behind `npm start` (after set-up and `env up`): the operator, a sample
// ComplianceProfile and Tenant from crds/examples, waiting with progress until the tenant is Ready,
// then the operator runs until Ctrl-C.
import { spawn } from "node:child_process";
import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";
import { newToken } from "../operator/console/console-tokens.ts";
import { loadLocalEnv, repoRoot } from "./env/index.ts";

const env = await loadLocalEnv();
const kc = new k8s.KubeConfig();
kc.loadFromFile(env.kubernetes.kubeconfig);
const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
const say = (msg: string) => console.log(`[wspec] ${msg}`);

// A fresh sales-ops token for the console each start; only its digest is stored.
const console_ = newToken("sales-ops");
writeFileSync(join(env.stateDir, "console-tokens.json"), JSON.stringify({ tokens: [console_.entry] }), {
  mode: 0o600,
});

const logFile = join(env.logsDir, "operator.log");
const operator = spawn(process.execPath, [join(repoRoot, "operator/main.ts")], {
  cwd: repoRoot,
  env: { ...process.env, WSPEC_HTTP_PORT: process.env.WSPEC_HTTP_PORT ?? "8080" },
  stdio: ["ignore", "pipe", "pipe"],
});
const log = createWriteStream(logFile, { flags: "a" });
operator.stdout.pipe(log);
operator.stderr.pipe(log);
let stopping = false;
operator.on("exit", (code) => {
  if (!stopping) {
    console.error(`[wspec] the operator exited (${code}); see ${logFile}`);
    process.exit(1);
  }
});
say(`operator started (pid ${operator.pid}); JSON log in ${logFile}`);
// Whatever goes wrong below, the operator must not outlive this process.
process.on("uncaughtException", (err) => {
  console.error(`[wspec] ${err instanceof Error ? err.message : String(err)}`);
  stopping = true;
  operator.kill("SIGTERM");
  operator.on("exit", () => process.exit(1));
});

const namespace = "demo";
const co = kc.makeApiClient(k8s.CustomObjectsApi);
type Tenant = {
  metadata?: { deletionTimestamp?: string };
  status?: {
    phase?: string;
    message?: string;
    outputs?: Record<string, string>;
    conditions?: { type: string; status: string; message: string }[];
  };
};
const sample = { group: "wspec.io", version: "v1alpha1", plural: "tenants", namespace, name: "acme-pilot" };
const readSample = async (): Promise<Tenant | undefined> => {
  try {
    return (await co.getNamespacedCustomObject(sample)) as Tenant;
  } catch (err) {
    if (err instanceof k8s.ApiException && err.code === 404) return undefined;
    throw err;
  }
};
// A sample tenant deleted in an earlier run may still be tearing down: let it finish first.
if ((await readSample())?.metadata?.deletionTimestamp) {
  say("the previous sample tenant is still being deleted; waiting for it");
  while (await readSample()) await new Promise((r) => setTimeout(r, 500));
}
await kc
  .makeApiClient(k8s.CoreV1Api)
  .createNamespace({ body: { metadata: { name: namespace } } })
  .catch((err: unknown) => {
    if (!(err instanceof k8s.ApiException && err.code === 409)) throw err;
  });
for (const file of ["complianceprofile-eu-gdpr-soc2.yaml", "tenant-starter-local.yaml"]) {
  for (const doc of parseAllDocuments(readFileSync(join(repoRoot, "crds/examples", file), "utf8"))) {
    const obj = doc.toJS() as k8s.KubernetesObject;
    if (obj.kind === "Tenant") obj.metadata = { ...obj.metadata, namespace };
    await objects.patch(obj, undefined, undefined, "wspec-demo", true, k8s.PatchStrategy.ServerSideApply);
    say(
      `applied ${obj.kind} ${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ""}${obj.metadata?.name}`,
    );
  }
}

const started = Date.now();
let last = "";
for (;;) {
  const t = (await readSample()) ?? {};
  const phase = t.status?.phase ?? "Pending";
  const line = `tenant demo/acme-pilot: ${phase}${t.status?.message ? ` (${t.status.message})` : ""}`;
  if (line !== last) say(`${line} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  last = line;
  if (phase === "Ready") {
    console.log(
      "\nOutputs (credentials are in the Secret wspec-tenant-connection of the tenant's namespace):",
    );
    for (const [k, v] of Object.entries(t.status?.outputs ?? {})) console.log(`  ${k.padEnd(10)} ${v}`);
    break;
  }
  if (phase === "Failed") {
    console.error(
      `[wspec] the sample tenant failed: ${t.status?.conditions?.find((c) => c.type === "Ready")?.message}`,
    );
    break;
  }
  if (Date.now() - started > 300_000) throw new Error("the sample tenant was not Ready within 5 minutes");
  await new Promise((r) => setTimeout(r, 500));
}

console.log(`
Console:           http://127.0.0.1:${process.env.WSPEC_HTTP_PORT ?? "8080"}/  (sales-ops token: ${console_.token})
Operator metrics:  http://127.0.0.1:${process.env.WSPEC_HTTP_PORT ?? "8080"}/metrics
Try:               KUBECONFIG=${env.kubernetes.kubeconfig} kubectl get tenants -A
                   KUBECONFIG=${env.kubernetes.kubeconfig} kubectl describe tenant -n demo acme-pilot
Stop:              Ctrl-C (stops the operator and the local environment; state stays in .wspec)

Not yet part of npm start: the runtime API and worker, and signing in as the tenant's admin;
they arrive with the runtime issues.`);

const stop = () => {
  if (stopping) return;
  stopping = true;
  say("stopping the operator");
  operator.kill("SIGTERM");
  operator.on("exit", () => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
if (process.env.WSPEC_DEMO_EXIT === "1") stop();
