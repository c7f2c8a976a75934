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

async function until(what: string, cond: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("resilientInformer", () => {
  it("reconnects after the API server is killed and restarted, and sees new objects", async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(join(stateDir, "kubeconfig"));
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const seen = new Set<string>();
    const errors: unknown[] = [];
    const informer = resilientInformer<k8s.V1ConfigMap>(kc, {
      path: "/api/v1/namespaces/default/configmaps",
      list: () => core.listNamespacedConfigMap({ namespace: "default" }),
      onObject: (cm, event) => {
        if (event !== "delete") seen.add(cm.metadata?.name ?? "");
      },
      onError: (err) => errors.push(err),
      restartDelayMs: 300,
    });
    await informer.start();
    try {
      await core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "before" } } });
      await until("the first object", () => seen.has("before"), 10_000);

      const pid = Number(readFileSync(join(stateDir, "run/kube-apiserver.pid"), "utf8"));
      process.kill(-pid, "SIGKILL");
      await until("the watch to notice", () => errors.length > 0, 30_000);
      // `env up` restarts what is not running: let the killed process finish exiting first.
      await until("the API server process to exit", () => !processRunning(pid), 10_000);
      const up = env("up"); // restarts only what is down, on the same port
      expect(up.status, up.stderr).toBe(0);

      await core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "after" } } });
      await until("an object created after the restart", () => seen.has("after"), 30_000);
      expect(informer.restarts).toBeGreaterThan(0);
    } finally {
      await informer.stop();
    }
  });
});
