// Reads and writes of Tenant objects: status through the status subresource (a status change sent
// to the main resource is dropped), finalizers with optimistic concurrency (a conflicting writer
// makes us re-read, never overwrite).
import * as k8s from "@kubernetes/client-node";
import { GROUP, TENANT_PLURAL, type Tenant, type TenantStatus, VERSION } from "../../crds/index.ts";

const mergePatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

/** A merge patch of status: null removes a field. */
export type TenantStatusPatch = { [K in keyof TenantStatus]?: TenantStatus[K] | null };

export interface TenantClient {
  get(namespace: string, name: string): Promise<Tenant | undefined>;
  patchStatus(tenant: Tenant, status: TenantStatusPatch): Promise<Tenant>;
  setFinalizers(tenant: Tenant, finalizers: string[]): Promise<Tenant>;
}

export function tenantClient(kc: k8s.KubeConfig): TenantClient {
  const co = kc.makeApiClient(k8s.CustomObjectsApi);
  const ref = (t: Tenant) => ({
    group: GROUP,
    version: VERSION,
    plural: TENANT_PLURAL,
    namespace: t.metadata.namespace ?? "default",
    name: t.metadata.name ?? "",
  });
  return {
    async get(namespace, name) {
      try {
        return (await co.getNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          plural: TENANT_PLURAL,
          namespace,
          name,
        })) as Tenant;
      } catch (err) {
        if (err instanceof k8s.ApiException && err.code === 404) return undefined;
        throw new Error(`could not read Tenant ${namespace}/${name}: ${String(err)}`);
      }
    },
    async patchStatus(tenant, status) {
      return (await co.patchNamespacedCustomObjectStatus(
        { ...ref(tenant), body: { status } },
        mergePatch,
      )) as Tenant;
    },
    async setFinalizers(tenant, finalizers) {
      return (await co.patchNamespacedCustomObject(
        {
          ...ref(tenant),
          body: { metadata: { finalizers, resourceVersion: tenant.metadata.resourceVersion } },
        },
        mergePatch,
      )) as Tenant;
    },
  };
}

export const isConflict = (err: unknown) => err instanceof k8s.ApiException && err.code === 409;
export const isNotFound = (err: unknown) => err instanceof k8s.ApiException && err.code === 404;
