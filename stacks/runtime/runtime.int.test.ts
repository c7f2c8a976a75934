// The runtime deployed for real into a fresh namespace of the local kube-apiserver through the
// Automation API and the built pulumi-resource-kubernetes: every object passes the API server's
// validation and reads back as declared; destroy removes them. No pod ever runs (no kubelet):
// skipAwait keeps the provider from waiting for one.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import * as k8s from "@kubernetes/client-node";
import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import { workspaceOptions } from "../../operator/pulumi/engine.ts";
import { loadLocalEnv, localPulumiEngine } from "../../scripts/env/index.ts";
import { RUNTIME_NAME, Runtime } from "./index.ts";

const PROJECT = "wspec-test-runtime";

describe("Runtime on the local kube-apiserver", () => {
  it("creates every object in a fresh namespace, accepted as declared, and destroys them", async () => {
    const env = await loadLocalEnv();
    const kubeconfig = readFileSync(env.kubernetes.kubeconfig, "utf8");
    const tenantId = `rt-${randomUUID().slice(0, 8)}`;
    const namespace = `tenant-${tenantId}`;
    const stack = await LocalWorkspace.createOrSelectStack(
      {
        stackName: tenantId,
        projectName: PROJECT,
        program: async () => {
          const provider = new kubernetes.Provider("cluster", { kubeconfig: pulumi.secret(kubeconfig) });
          const runtime = new Runtime(
            tenantId,
            {
              tenantId,
              tier: "professional",
              image: "registry.example.com/wspec/runtime",
              version: "0.1.0",
              replicas: 2,
              secret: {
                data: { TENANT_ID: tenantId, DATABASE_URL: pulumi.secret("postgres://t:pw@db:5432/t") },
              },
              skipAwait: true,
              ingressNamespaces: ["ingress-nginx"],
            },
            { providers: { kubernetes: provider } },
          );
          return { endpoint: runtime.endpoint, namespace: runtime.namespace };
        },
      },
      await workspaceOptions(localPulumiEngine(env), { name: PROJECT }),
    );
    const kc = new k8s.KubeConfig();
    kc.loadFromString(kubeconfig);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const autoscaling = kc.makeApiClient(k8s.AutoscalingV2Api);
    const policy = kc.makeApiClient(k8s.PolicyV1Api);
    const networking = kc.makeApiClient(k8s.NetworkingV1Api);
    try {
      const up = await stack.up();
      expect(up.summary.result).toBe("succeeded");
      expect(up.outputs.endpoint?.value).toBe(`http://${RUNTIME_NAME}.${namespace}.svc.cluster.local`);

      const ns = await core.readNamespace({ name: namespace });
      expect(ns.metadata?.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
      const account = await core.readNamespacedServiceAccount({ name: RUNTIME_NAME, namespace });
      expect(account.automountServiceAccountToken).toBe(false);
      const secret = await core.readNamespacedSecret({ name: `${RUNTIME_NAME}-env`, namespace });
      expect(Buffer.from(secret.data?.DATABASE_URL ?? "", "base64").toString()).toBe(
        "postgres://t:pw@db:5432/t",
      );

      const deployment = await apps.readNamespacedDeployment({ name: RUNTIME_NAME, namespace });
      const container = deployment.spec?.template.spec?.containers[0];
      expect(container?.readinessProbe?.httpGet?.path).toBe("/health/ready");
      expect(container?.livenessProbe?.httpGet?.path).toBe("/health/live");
      expect(container?.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
      });
      expect(container?.resources?.limits).toEqual({ cpu: "1", memory: "1Gi" });

      const service = await core.readNamespacedService({ name: RUNTIME_NAME, namespace });
      expect(service.spec?.type).toBe("ClusterIP");
      expect(service.spec?.clusterIP).toMatch(/^10\.0\.0\./); // allocated by the API server
      const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({ name: RUNTIME_NAME, namespace });
      expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
      const pdb = await policy.readNamespacedPodDisruptionBudget({ name: RUNTIME_NAME, namespace });
      expect(pdb.spec?.maxUnavailable).toBe(1);
      const netpol = await networking.readNamespacedNetworkPolicy({ name: RUNTIME_NAME, namespace });
      expect(netpol.spec?.ingress?.[0]?._from).toContainEqual({
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } },
      });

      // A second up with nothing changed is a no-op: what the server stored matches the program.
      const again = await stack.up();
      expect(again.summary.resourceChanges).not.toHaveProperty("update");
      expect(again.summary.resourceChanges).not.toHaveProperty("replace");

      await stack.destroy();
      await expect(apps.readNamespacedDeployment({ name: RUNTIME_NAME, namespace })).rejects.toMatchObject({
        code: 404,
      });
      // The namespace goes through Terminating; it is gone or on its way.
      const gone = await core.readNamespace({ name: namespace }).then(
        (n) => n.status?.phase === "Terminating",
        (err: { code?: number }) => err.code === 404,
      );
      expect(gone).toBe(true);
    } finally {
      await stack.destroy().catch(() => {});
      await stack.workspace.removeStack(tenantId);
    }
  });
});
