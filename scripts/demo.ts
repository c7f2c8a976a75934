// The main job behind `npm start` (after set-up and `env up`): the operator with a sample
// ComplianceProfile and Tenant (scripts/demo/sample-tenant.ts), then the runtime and its worker;
// signs in as the tenant's first admin, uploads a sample invoice and shows what the product found
// (scripts/demo/walkthrough.ts), prints where everything is, and runs until Ctrl-C, which stops
// every process it started. WSPEC_DEMO_EXIT=1 stops right after the summary.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { outboxFile } from "../operator/admin-setup/index.ts";
import { newToken } from "../operator/console/console-tokens.ts";
import { RuntimeApi } from "./demo/api.ts";
import { takeDemoLock } from "./demo/lock.ts";
import { type Child, Processes } from "./demo/processes.ts";
import { runtimePort, runtimeProcessEnv, workerEnv } from "./demo/runtime-env.ts";
import { SAMPLE, SampleTenant, sampleAdmin } from "./demo/sample-tenant.ts";
import { say } from "./demo/say.ts";
import { readSavedAdmin, signIn } from "./demo/sign-in.ts";
import { printSummary, writeResultFile } from "./demo/summary.ts";
import { waitRuntimeReady, walkthrough } from "./demo/walkthrough.ts";
import { loadLocalEnv } from "./env/index.ts";

const env = await loadLocalEnv();
const releaseLock = takeDemoLock(env.stateDir);
let stopped: Promise<never> | undefined;
const processes = new Processes(env.logsDir, (child, code) =>
  fail(`the ${child.name} exited (${code}); see ${child.logFile}`),
);

/** Once: a second Ctrl-C or an error while stopping must not exit before the children are gone. */
function shutdown(code: number): Promise<never> {
  stopped ??= (async () => {
    say("stopping the runtime, the worker and the operator");
    await processes.stopAll();
    releaseLock();
    process.exit(code);
  })();
  return stopped;
}
function fail(message: string): void {
  console.error(`[wspec] ${message}`);
  void shutdown(1);
}
// Whatever goes wrong, or however the demo is asked to stop, its children must not outlive it.
process.on("uncaughtException", (err) => fail(err instanceof Error ? err.message : String(err)));
process.on("unhandledRejection", (err) => fail(err instanceof Error ? err.message : String(err)));
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

const kc = new k8s.KubeConfig();
kc.loadFromFile(env.kubernetes.kubeconfig);
const tenant = new SampleTenant(kc);
const admin = sampleAdmin();
const httpPort = process.env.WSPEC_HTTP_PORT ?? "8080";
const runtimeUrl = `http://127.0.0.1:${runtimePort()}`;
const consoleUrl = `http://127.0.0.1:${httpPort}/`;

// A fresh sales-ops token for the console each start; only its digest is stored.
const consoleToken = newToken("sales-ops");
writeFileSync(join(env.stateDir, "console-tokens.json"), JSON.stringify({ tokens: [consoleToken.entry] }), {
  mode: 0o600,
});
// Without a saved password the admin can only sign in with a new setup token, which the operator
// issues when the tenant is Ready and has no setup Secret, and leaves in its outbox (never its log).
if (!readSavedAdmin(env.stateDir, admin)) await tenant.forgetAdminSetup();
const setupOutbox = outboxFile(join(env.stateDir, "admin-setup"), SAMPLE.namespace, SAMPLE.name);
rmSync(setupOutbox, { force: true }); // an earlier run's tokens
const startedAt = new Date();
const operator = processes.start("operator", "operator/main.ts", {
  WSPEC_HTTP_PORT: httpPort,
  WSPEC_RUNTIME_URL: runtimeUrl,
  // Integration tests run their own operators on labelled tenants in the same cluster.
  WSPEC_TENANT_SELECTOR: "!wspec.io/test-run",
});
say(`operator started (pid ${operator.pid}); JSON log in ${operator.logFile}`);
await tenant.apply();
const ready = await tenant.waitReady();
console.log("\nOutputs (credentials are in the Secret wspec-tenant-connection of the tenant's namespace):");
for (const [k, v] of Object.entries(ready.status?.outputs ?? {})) console.log(`  ${k.padEnd(10)} ${v}`);
console.log("");
if (!(await tenant.connectionCarriesPolicy())) {
  throw new Error(
    `the sample tenant's Secret carries no compliance policy (provisioned by an older operator); delete the tenant and run again: KUBECONFIG=${env.kubernetes.kubeconfig} kubectl delete tenant -n ${SAMPLE.namespace} ${SAMPLE.name}`,
  );
}

// Started once the tenant is Ready: its stack creates the pool database the runtime connects to.
const runtime: Child = processes.start("runtime", "runtime/main.ts", await runtimeProcessEnv(env));
say(`runtime started (pid ${runtime.pid}); JSON log in ${runtime.logFile}`);
const worker = processes.start("worker", "runtime/worker.ts", await workerEnv(env));
say(`worker started (pid ${worker.pid}); JSON log in ${worker.logFile}`);
let runtimeExited = false;
void runtime.exited.then(() => {
  runtimeExited = true;
});
await waitRuntimeReady(runtimeUrl, () => runtimeExited);

const api = new RuntimeApi(runtimeUrl);
const session = await signIn({
  api,
  tenant,
  tenantKey: `${SAMPLE.namespace}/${SAMPLE.name}`,
  email: ready.spec?.admins?.[0] ?? admin,
  stateDir: env.stateDir,
  setupOutbox,
  startedAt,
});
api.authorize(session.accessToken);
const found = await walkthrough(api, worker.logFile);
const result = {
  ...found,
  consoleUrl,
  consoleToken: consoleToken.token,
  runtimeUrl,
  accessToken: session.accessToken,
  tenantId: session.tenantId,
  adminEmail: session.email,
  signedInWith: session.method,
};
printSummary(result, { kubeconfig: env.kubernetes.kubeconfig, logsDir: env.logsDir });
if (process.env.WSPEC_DEMO_RESULT_FILE) writeResultFile(process.env.WSPEC_DEMO_RESULT_FILE, result);
if (process.env.WSPEC_DEMO_EXIT === "1") await shutdown(0);
