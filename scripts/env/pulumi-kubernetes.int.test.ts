// @pulumi/kubernetes with the built pulumi-resource-kubernetes provider against the local
// kube-apiserver: a ConfigMap goes up, is really there, and is destroyed.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import * as k8s from "@kubernetes/client-node";
import * as kubernetes from "@pulumi/kubernetes";
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import { workspaceOptions } from "../../operator/pulumi/engine.ts";
import { loadLocalEnv, localPulumiEngine } from "./index.ts";

describe("@pulumi/kubernetes on the local cluster", () => {
  it("creates and destroys a ConfigMap through the built provider", async () => {
    const env = await loadLocalEnv();
    const kubeconfig = readFileSync(env.kubernetes.kubeconfig, "utf8");
    const name = `wspec-test-${randomUUID().slice(0, 8)}`;
    const stack = await LocalWorkspace.createOrSelectStack(
      {
        stackName: name,
        projectName: "wspec-test-kubernetes",
        program: async () => {
          const provider = new kubernetes.Provider("local", { kubeconfig });
          const cm = new kubernetes.core.v1.ConfigMap(
            "settings",
            { metadata: { name, namespace: "default" }, data: { tier: "starter" } },
            { provider },
          );
          return { uid: cm.metadata.uid };
        },
      },
      await workspaceOptions(localPulumiEngine(env), { name: "wspec-test-kubernetes" }),
    );
    const kc = new k8s.KubeConfig();
    kc.loadFromString(kubeconfig);
    const core = kc.makeApiClient(k8s.CoreV1Api);

    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    const live = await core.readNamespacedConfigMap({ name, namespace: "default" });
    expect(live.data).toEqual({ tier: "starter" });
    expect(up.outputs.uid?.value).toBe(live.metadata?.uid);

    await stack.destroy();
    await expect(core.readNamespacedConfigMap({ name, namespace: "default" })).rejects.toMatchObject({
      code: 404,
    });
    await stack.workspace.removeStack(name);
  });
});
