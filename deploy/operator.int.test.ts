// The deployment manifests are valid for the API server, and the operator's service account can do
// exactly its job: reconcile Tenants, write their status and Events, hold its Lease, and no more.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { loadLocalEnv } from "../scripts/env/index.ts";

const kc = new k8s.KubeConfig();
const manifests = parseAllDocuments(readFileSync(join(import.meta.dirname, "operator.yaml"), "utf8")).map(
  (d) => d.toJS() as k8s.KubernetesObject,
);

beforeAll(async () => {
  kc.loadFromFile((await loadLocalEnv()).kubernetes.kubeconfig);
  const client = k8s.KubernetesObjectApi.makeApiClient(kc);
  for (const m of manifests) {
    await client.patch(m, undefined, undefined, "wspec-deploy-test", true, k8s.PatchStrategy.ServerSideApply);
  }
});

async function can(
  verb: string,
  resource: string,
  opts: { group?: string; namespace?: string; subresource?: string; name?: string } = {},
) {
  const api = kc.makeApiClient(k8s.AuthorizationV1Api);
  const review = await api.createSubjectAccessReview({
    body: {
      spec: {
        user: "system:serviceaccount:wspec-system:wspec-operator",
        groups: ["system:serviceaccounts", "system:serviceaccounts:wspec-system", "system:authenticated"],
        resourceAttributes: {
          verb,
          resource,
          group: opts.group ?? "",
          namespace: opts.namespace,
          subresource: opts.subresource,
          name: opts.name,
        },
      },
    },
  });
  return review.status?.allowed ?? false;
}

describe("deploy/operator.yaml", () => {
  it("applies cleanly (every object accepted by the API server)", () => {
    expect(manifests.map((m) => m.kind)).toEqual([
      "Namespace",
      "ServiceAccount",
      "ClusterRole",
      "ClusterRoleBinding",
      "Role",
      "RoleBinding",
      "ConfigMap",
      "Secret",
      "Deployment",
      "Service",
    ]);
  });

  it("grants the operator what reconciling needs", async () => {
    expect(await can("watch", "tenants", { group: "wspec.io" })).toBe(true);
    expect(
      await can("patch", "tenants", { group: "wspec.io", subresource: "status", namespace: "acme" }),
    ).toBe(true);
    expect(
      await can("update", "tenants", { group: "wspec.io", subresource: "finalizers", namespace: "acme" }),
    ).toBe(true);
    expect(await can("list", "complianceprofiles", { group: "wspec.io" })).toBe(true);
    expect(await can("create", "events", { namespace: "acme" })).toBe(true);
    expect(
      await can("update", "leases", {
        group: "coordination.k8s.io",
        namespace: "wspec-system",
        name: "wspec-operator",
      }),
    ).toBe(true);
  });

  it("and nothing beyond it", async () => {
    expect(await can("delete", "tenants", { group: "wspec.io", namespace: "acme" })).toBe(false);
    expect(await can("create", "complianceprofiles", { group: "wspec.io" })).toBe(false);
    expect(
      await can("update", "leases", {
        group: "coordination.k8s.io",
        namespace: "kube-system",
        name: "kube-controller-manager",
      }),
    ).toBe(false);
    expect(
      await can("update", "leases", {
        group: "coordination.k8s.io",
        namespace: "wspec-system",
        name: "someone-else",
      }),
    ).toBe(false);
    expect(await can("create", "clusterrolebindings", { group: "rbac.authorization.k8s.io" })).toBe(false);
    expect(await can("create", "pods", { namespace: "acme" })).toBe(false);
    expect(await can("create", "customresourcedefinitions", { group: "apiextensions.k8s.io" })).toBe(false);
  });
});
