// The local kube-apiserver through @kubernetes/client-node: a CRD is applied, a custom object is
// created and seen by a watch, and its status is patched through the status subresource.
import { randomUUID } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "./index.ts";

const group = "test.wspec.io";
const plural = "widgets";
const crdName = `${plural}.${group}`;
// A plain manifest (as from YAML): patch bodies are sent as they are, not through the models.
const crd = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: crdName },
  spec: {
    group,
    scope: "Namespaced",
    names: { plural, singular: "widget", kind: "Widget" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                properties: { size: { type: "string", enum: ["small", "large"] } },
                required: ["size"],
              },
              status: { type: "object", properties: { phase: { type: "string" } } },
            },
          },
        },
      },
    ],
  },
};

const kc = new k8s.KubeConfig();
let namespace: string;
beforeAll(async () => {
  kc.loadFromFile((await loadLocalEnv()).kubernetes.kubeconfig);
  namespace = `wspec-test-${randomUUID().slice(0, 8)}`;
  await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
});
afterAll(async () => {
  // Namespace deletion takes >= 5 s in the controller manager; don't wait for it.
  await kc.makeApiClient(k8s.CoreV1Api).deleteNamespace({ name: namespace });
});

async function established(api: k8s.ApiextensionsV1Api): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const got = await api.readCustomResourceDefinition({ name: crdName });
    if (got.status?.conditions?.some((c) => c.type === "Established" && c.status === "True")) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${crdName} never became Established`);
}

describe("local kube-apiserver", () => {
  it("serves a CRD: create, watch, status subresource, schema validation", async () => {
    const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
    await ext.patchCustomResourceDefinition(
      { name: crdName, body: crd, fieldManager: "wspec-test", force: true },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.ServerSideApply),
    );
    await established(ext);

    const co = kc.makeApiClient(k8s.CustomObjectsApi);
    // A just-Established CRD can still answer 429 while its storage starts: wait until it lists.
    for (let i = 0; ; i++) {
      try {
        await co.listNamespacedCustomObject({ group, version: "v1", namespace, plural });
        break;
      } catch (err) {
        if (i > 100) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const seen = new Promise<{ type: string; name: string }>((resolve, reject) => {
      void new k8s.Watch(kc)
        .watch(
          `/apis/${group}/v1/namespaces/${namespace}/${plural}`,
          {},
          (type, obj: { metadata: { name: string } }) => resolve({ type, name: obj.metadata.name }),
          (err) => err && reject(err),
        )
        .then((ctl) => seen.finally(() => ctl.abort()));
    });
    // The watch must be established before the create for ADDED to be its first event.
    await new Promise((r) => setTimeout(r, 300));
    await co.createNamespacedCustomObject({
      group,
      version: "v1",
      namespace,
      plural,
      body: { apiVersion: `${group}/v1`, kind: "Widget", metadata: { name: "w1" }, spec: { size: "small" } },
    });
    await expect(seen).resolves.toEqual({ type: "ADDED", name: "w1" });

    const patched = await co.patchNamespacedCustomObjectStatus(
      { group, version: "v1", namespace, plural, name: "w1", body: { status: { phase: "Ready" } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
    expect(patched.status).toEqual({ phase: "Ready" });
    // A status change sent to the main resource is dropped: status belongs to the subresource.
    await co.patchNamespacedCustomObject(
      { group, version: "v1", namespace, plural, name: "w1", body: { status: { phase: "Hacked" } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
    const got = await co.getNamespacedCustomObject({ group, version: "v1", namespace, plural, name: "w1" });
    expect(got.status).toEqual({ phase: "Ready" });

    const bad = co.createNamespacedCustomObject({
      group,
      version: "v1",
      namespace,
      plural,
      body: { apiVersion: `${group}/v1`, kind: "Widget", metadata: { name: "w2" }, spec: { size: "huge" } },
    });
    await expect(bad).rejects.toMatchObject({
      code: 422,
      body: expect.stringContaining('Unsupported value: \\"huge\\"'),
    });
  });

  it("runs the garbage collector: a child with an ownerReference goes with its owner", async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const owner = await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: "owner" } } });
    await core.createNamespacedConfigMap({
      namespace,
      body: {
        metadata: {
          name: "child",
          ownerReferences: [
            { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata?.uid ?? "" },
          ],
        },
      },
    });
    await core.deleteNamespacedConfigMap({ namespace, name: "owner" });
    for (let i = 0; i < 100; i++) {
      const left = await core.listNamespacedConfigMap({ namespace, fieldSelector: "metadata.name=child" });
      if (left.items.length === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the child ConfigMap was not garbage-collected within 10 s");
  });
});
