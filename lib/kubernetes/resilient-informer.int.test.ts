// The informer outlives its API server: killed and restarted underneath a running watch, it
// reconnects and delivers objects created afterwards. Uses a private environment (its own state
// dir and ports), so restarting its kube-apiserver disturbs no other test.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processRunning, repoRoot } from "../../scripts/env/index.ts";
import { resilientInformer } from "./resilient-informer.ts";

const stateDir = mkdtempSync(join(tmpdir(), "wspec-informer-"));
const env = (command: string) =>
  spawnSync("bash", [join(repoRoot, "scripts/env.sh"), command], {
    encoding: "utf8",
    env: { ...process.env, WSPEC_STATE_DIR: stateDir },
    timeout: 120_000,
  });

beforeAll(() => {
  const up = env("up");
  if (up.status !== 0) throw new Error(`private env up failed:\n${up.stderr}`);
});
afterAll(() => {
  env("clean");
  rmSync(stateDir, { recursive: true, force: true });
});

/**
 * The informer's callbacks, recorded; `until` resolves once a condition on them holds, checked
 * whenever a callback fires. Nothing here waits on elapsed time.
 */
function recorder() {
  const seen = new Set<string>();
  const errors: unknown[] = [];
  let checks: (() => boolean)[] = [];
  const changed = () => {
    checks = checks.filter((check) => !check());
  };
  return {
    seen,
    errors,
    onObject(cm: k8s.V1ConfigMap, event: "add" | "update" | "delete" | "resync") {
      if (event !== "delete") seen.add(cm.metadata?.name ?? "");
      changed();
    },
    onError(err: unknown) {
      errors.push(err);
      changed();
    },
    until(cond: () => boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (!cond()) return false;
          resolve();
          return true;
        };
        if (!check()) checks.push(check);
      });
    },
  };
}

/**
 * The killed process is gone (not even a zombie), so `env up` sees it down and starts another.
 * Another process's exit has no event to wait on: /proc is looked at every 20 ms.
 */
async function exited(pid: number): Promise<void> {
  while (processRunning(pid)) await new Promise((r) => setTimeout(r, 20));
}

describe("resilientInformer", () => {
  it("reconnects after the API server is killed and restarted, and sees new objects", async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(join(stateDir, "kubeconfig"));
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const events = recorder();
    const informer = resilientInformer<k8s.V1ConfigMap>(kc, {
      path: "/api/v1/namespaces/default/configmaps",
      list: () => core.listNamespacedConfigMap({ namespace: "default" }),
      onObject: events.onObject,
      onError: events.onError,
      restartDelayMs: 300,
    });
    await informer.start();
    try {
      await informer.whenWatching();
      await core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "before" } } });
      await events.until(() => events.seen.has("before"));

      const pid = Number(readFileSync(join(stateDir, "run/kube-apiserver.pid"), "utf8"));
      process.kill(-pid, "SIGKILL");
      await events.until(() => events.errors.length > 0); // the watch noticed
      expect(informer.watching).toBe(false);
      await exited(pid);
      const up = env("up"); // restarts only what is down, on the same port
      expect(up.status, up.stderr).toBe(0);

      // Listed and watching again: the informer says so itself, after at least one restart.
      await informer.whenWatching();
      expect(informer.restarts).toBeGreaterThan(0);
      await core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "after" } } });
      await events.until(() => events.seen.has("after"));
    } finally {
      await informer.stop();
    }
    await expect(informer.whenWatching()).rejects.toThrow("is not started");
  });
});
