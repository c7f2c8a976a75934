// Test helpers over the local cluster: Tenants and ComplianceProfiles labelled with a run id, so
// an operator started with that selector reconciles only this test's objects.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as k8s from "@kubernetes/client-node";
import {
  type ComplianceProfileSpecInput,
  GROUP,
  PROFILE_PLURAL,
  TENANT_PLURAL,
  type Tenant,
  type TenantSpecInput,
  VERSION,
} from "../../crds/index.ts";
import type { LocalEnv } from "../../scripts/env/index.ts";

const merge = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

export interface TestCluster {
  readonly runId: string;
  readonly label: Record<string, string>;
  readonly selector: string;
  readonly kc: k8s.KubeConfig;
  readonly core: k8s.CoreV1Api;
  namespace(suffix: string): Promise<string>;
  profile(name: string, spec: ComplianceProfileSpecInput): Promise<void>;
  createTenant(namespace: string, name: string, spec: TenantSpecInput): Promise<Tenant>;
  patchSpec(namespace: string, name: string, spec: Partial<TenantSpecInput>): Promise<Tenant>;
  getTenant(namespace: string, name: string): Promise<Tenant | undefined>;
  deleteTenant(namespace: string, name: string): Promise<void>;
  waitFor(
    namespace: string,
    name: string,
    what: string,
    ok: (t: Tenant | undefined) => boolean,
    timeoutMs?: number,
  ): Promise<Tenant | undefined>;
  stackExists(project: string, stack: string): boolean;
  events(namespace: string, name: string): Promise<k8s.CoreV1Event[]>;
  cleanup(): Promise<void>;
}

export function testCluster(env: LocalEnv): TestCluster {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(env.kubernetes.kubeconfig);
  const co = kc.makeApiClient(k8s.CustomObjectsApi);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const runId = randomUUID().slice(0, 8);
  const label = { "wspec.io/test-run": runId };
  const namespaces: string[] = [];
  const profiles: string[] = [];
  const tenantRef = (namespace: string, name: string) => ({
    group: GROUP,
    version: VERSION,
    plural: TENANT_PLURAL,
    namespace,
    name,
  });

  const getTenant = async (namespace: string, name: string) => {
    try {
      return (await co.getNamespacedCustomObject(tenantRef(namespace, name))) as Tenant;
    } catch (err) {
      if (err instanceof k8s.ApiException && err.code === 404) return undefined;
      throw err;
    }
  };

  return {
    runId,
    label,
    selector: `wspec.io/test-run=${runId}`,
    kc,
    core,
    async namespace(suffix) {
      const name = `wspec-op-${runId}-${suffix}`;
      await core.createNamespace({ body: { metadata: { name } } });
      namespaces.push(name);
      return name;
    },
    async profile(name, spec) {
      const full = `${name}-${runId}`;
      await co.createClusterCustomObject({
        group: GROUP,
        version: VERSION,
        plural: PROFILE_PLURAL,
        body: {
          apiVersion: `${GROUP}/${VERSION}`,
          kind: "ComplianceProfile",
          metadata: { name: full, labels: label },
          spec,
        },
      });
      profiles.push(full);
    },
    async createTenant(namespace, name, spec) {
      return (await co.createNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: TENANT_PLURAL,
        namespace,
        body: { apiVersion: `${GROUP}/${VERSION}`, kind: "Tenant", metadata: { name, labels: label }, spec },
      })) as Tenant;
    },
    async patchSpec(namespace, name, spec) {
      return (await co.patchNamespacedCustomObject(
        { ...tenantRef(namespace, name), body: { spec } },
        merge,
      )) as Tenant;
    },
    getTenant,
    async deleteTenant(namespace, name) {
      await co.deleteNamespacedCustomObject(tenantRef(namespace, name));
    },
    async waitFor(namespace, name, what, ok, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      let last: Tenant | undefined;
      for (;;) {
        last = await getTenant(namespace, name);
        if (ok(last)) return last;
        if (Date.now() > deadline) {
          throw new Error(
            `${namespace}/${name}: ${what} not within ${timeoutMs} ms; last status: ${JSON.stringify(last?.status)}`,
          );
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    stackExists(project, stack) {
      const dir = fileURLToPath(env.pulumi.backendUrl);
      return existsSync(join(dir, ".pulumi", "stacks", project, `${stack}.json`));
    },
    async events(namespace, name) {
      const list = await core.listNamespacedEvent({
        namespace,
        fieldSelector: `involvedObject.name=${name}`,
      });
      return list.items;
    },
    async cleanup() {
      for (const p of profiles) {
        await co
          .deleteClusterCustomObject({ group: GROUP, version: VERSION, plural: PROFILE_PLURAL, name: p })
          .catch(() => {});
      }
      // Namespace deletion takes >= 5 s in the controller manager: don't wait for it.
      for (const ns of namespaces) await core.deleteNamespace({ name: ns }).catch(() => {});
    },
  };
}

/** A condition's status on a tenant ("True", "False", "Unknown" or undefined). */
export function condition(t: Tenant | undefined, type: string) {
  return t?.status?.conditions?.find((c) => c.type === type);
}
