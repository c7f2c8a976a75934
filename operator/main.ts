// `npm run operator`: the wspec operator process. Runs against KUBECONFIG (or the local
// environment's cluster) and provisions through the Pulumi engine of the local environment
// (its local target file: WSPEC_ENV_FILE, default .wspec/env.json) unless PULUMI_* variables say
// otherwise.
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import pino from "pino";
import { adminSetupIssuer } from "./admin-setup/index.ts";
import { readOperatorEnv } from "./config.ts";
import { readTokensFile } from "./console/console-tokens.ts";
import { createController } from "./controller/controller.ts";
import { eventRecorder } from "./controller/events.ts";
import { createMetrics } from "./controller/metrics.ts";
import { tenantPrograms } from "./controller/programs.ts";
import { tenantClient } from "./controller/tenant-client.ts";
import { TenantStacks } from "./controller/tenant-stacks.ts";
import { operatorApp, startHttpServer } from "./http-server.ts";
import { defaultLocalTargetFile, localTargetEngine, readLocalTarget } from "./local-target.ts";
import { withEnvOverrides } from "./pulumi/engine.ts";

const log = pino({
  level: process.env.WSPEC_LOG_LEVEL ?? "info",
  base: { component: "wspec-operator", pid: process.pid },
});

async function main(): Promise<void> {
  const cfg = readOperatorEnv();
  // With a local target file (WSPEC_ENV_FILE, or .wspec/env.json when it exists), the operator
  // also has the local target and its Pulumi engine; in a cluster it has neither file nor target.
  const env = readLocalTarget(cfg.WSPEC_ENV_FILE);
  if (!env && !cfg.PULUMI_BACKEND_URL) {
    throw new Error(
      `PULUMI_BACKEND_URL is required without a local target file (WSPEC_ENV_FILE unset, ${defaultLocalTargetFile()} not found): a file://, s3://, azblob:// or gs:// URL`,
    );
  }

  const kc = new k8s.KubeConfig();
  if (cfg.KUBECONFIG || !env)
    kc.loadFromDefault(); // KUBECONFIG, else in-cluster service account
  else kc.loadFromFile(env.kubernetes.kubeconfig);

  await ensureNamespace(kc, cfg.WSPEC_OPERATOR_NAMESPACE);
  const metrics = createMetrics();
  const engine = withEnvOverrides(
    env
      ? localTargetEngine(env)
      : {
          bin: cfg.WSPEC_PULUMI_BIN,
          binDir: dirname(cfg.WSPEC_PULUMI_BIN),
          backendUrl: cfg.PULUMI_BACKEND_URL ?? "",
          home: process.env.PULUMI_HOME ?? join(homedir(), ".pulumi"),
          workRoot: join(process.cwd(), ".wspec", "pulumi-work"),
        },
  );
  const stacks = new TenantStacks({
    engine,
    project: cfg.WSPEC_PULUMI_PROJECT,
    metrics,
    maxConcurrentOperations: cfg.WSPEC_MAX_CONCURRENT_OPERATIONS,
    // A former leader stops its updates within a lease period of losing the lease.
    foreignLockStaleAfterMs: cfg.WSPEC_LEASE_SECONDS * 2_000 + 60_000,
  });
  const controller = createController({
    kc,
    log,
    metrics,
    tenants: tenantClient(kc),
    stacks,
    programs: tenantPrograms({
      local: env && {
        postgresAdminUrl: env.postgres.url,
        redisAdminUrl: env.redis.url,
        kubeconfig: readFileSync(env.kubernetes.kubeconfig, "utf8"),
        storageRoot: join(env.stateDir, "tenant-storage"),
      },
      engine,
      // Beside the projects' working directories (a dot-directory: never a project's name).
      policyPackRoot: join(engine.workRoot, ".policy-packs"),
    }),
    recorder: eventRecorder(kc, "wspec-operator", (err) =>
      log.warn({ err: String(err) }, "could not record an event"),
    ),
    workers: cfg.WSPEC_WORKERS,
    maxRetries: cfg.WSPEC_MAX_RETRIES,
    driftCheckIntervalMs: cfg.WSPEC_DRIFT_CHECK_SECONDS * 1000,
    resyncMs: cfg.WSPEC_RESYNC_SECONDS * 1000,
    ...(cfg.WSPEC_TENANT_SELECTOR ? { tenantSelector: cfg.WSPEC_TENANT_SELECTOR } : {}),
    lease: {
      namespace: cfg.WSPEC_OPERATOR_NAMESPACE,
      name: cfg.WSPEC_LEASE_NAME,
      durationMs: cfg.WSPEC_LEASE_SECONDS * 1000,
    },
  });
  // First admins: a one-time setup token each once their tenant is Ready (operator/admin-setup).
  const adminSetup = adminSetupIssuer({
    kc,
    log,
    isLeader: controller.isLeader,
    ttlHours: cfg.WSPEC_ADMIN_SETUP_TTL_HOURS,
    ...(cfg.WSPEC_RUNTIME_URL ? { runtimeUrl: cfg.WSPEC_RUNTIME_URL } : {}),
    ...((cfg.WSPEC_ADMIN_SETUP_OUTBOX ?? env)
      ? { outboxDir: cfg.WSPEC_ADMIN_SETUP_OUTBOX ?? join(env?.stateDir ?? ".", "admin-setup") }
      : {}),
  });
  controller.onTenantChange(adminSetup.onTenant);
  const tokensFile =
    cfg.WSPEC_CONSOLE_TOKENS_FILE ?? (env ? join(env.stateDir, "console-tokens.json") : undefined);
  const http = await startHttpServer(
    operatorApp({
      registry: metrics.registry,
      ready: controller.ready,
      isLeader: controller.isLeader,
      console: {
        kc,
        namespace: cfg.WSPEC_CONSOLE_NAMESPACE,
        labels: Object.fromEntries(
          (cfg.WSPEC_CONSOLE_TENANT_LABELS ?? "")
            .split(",")
            .filter(Boolean)
            .map((kv) => kv.split("=") as [string, string]),
        ),
        tokens: tokensFile && existsSync(tokensFile) ? readTokensFile(tokensFile) : undefined,
        tenants: controller.tenants,
        profile: controller.profile,
        profileNames: controller.profileNames,
        onTenantChange: controller.onTenantChange,
        adminSetup,
        ...(cfg.WSPEC_CONSOLE_SECURE_COOKIE
          ? { secureCookie: cfg.WSPEC_CONSOLE_SECURE_COOKIE === "true" }
          : {}),
      },
    }),
    cfg.WSPEC_HTTP_HOST,
    cfg.WSPEC_HTTP_PORT,
  );
  await controller.start();
  log.info({ port: http.port, namespace: cfg.WSPEC_OPERATOR_NAMESPACE }, "operator started");

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, "shutting down: cancelling running Pulumi operations");
    await controller.stop();
    stacks.close();
    await http.close();
    log.info("operator stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

/** The lease lives there. In a cluster the manifests create it and the operator may not: fine. */
async function ensureNamespace(kc: k8s.KubeConfig, name: string): Promise<void> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  try {
    await core.createNamespace({ body: { metadata: { name } } });
  } catch (err) {
    if (!(err instanceof k8s.ApiException && (err.code === 409 || err.code === 403))) throw err;
  }
}

main().catch((err: unknown) => {
  log.fatal({ err: err instanceof Error ? err.message : String(err) }, "operator failed to start");
  process.exit(1);
});
