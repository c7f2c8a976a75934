import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { resilientInformer } from "./resilient-informer.ts";

describe("resilientInformer", () => {
  // A kubeconfig without a cluster: listing works (the list function is ours) but opening the watch
  // throws, so start() rejects instead of reporting on ERROR. The first list fails, the second
  // succeeds: the first restart then rejects, and the informer must keep restarting after it.
  it("keeps restarting when a restart rejects, until stopped", async () => {
    let lists = 0;
    const errors: string[] = [];
    let reached: () => void = () => {};
    const threeErrors = new Promise<void>((r) => (reached = r));
    const informer = resilientInformer<k8s.V1ConfigMap>(new k8s.KubeConfig(), {
      path: "/api/v1/namespaces/default/configmaps",
      list: async () => {
        lists++;
        if (lists === 1) throw new Error("apiserver down");
        return { apiVersion: "v1", kind: "ConfigMapList", metadata: {}, items: [] };
      },
      onObject: () => {},
      onError: (err) => {
        errors.push((err as Error).message);
        if (errors.length === 3) reached();
      },
      restartDelayMs: 1,
    });
    await informer.start();
    await threeErrors;
    await informer.stop();
    expect(errors.slice(0, 3)).toEqual([
      "apiserver down",
      "No currently active cluster",
      "No currently active cluster",
    ]);
    expect(informer.restarts).toBeGreaterThanOrEqual(2);
    expect(informer.watching).toBe(false);
    const after = errors.length;
    await expect(informer.whenWatching()).rejects.toThrow("is not started");
    await new Promise((r) => setImmediate(r));
    expect(errors.length).toBe(after);
  });
});
