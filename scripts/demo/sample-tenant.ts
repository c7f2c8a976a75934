// The sample ComplianceProfile and Tenant from crds/examples, applied into namespace `demo`, and
// the wait (with progress) until the operator has made the tenant Ready.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";
import { ADMIN_SETUP_SECRET } from "../../lib/tenant-secrets/index.ts";
import { CONNECTION_SECRET } from "../../stacks/local/naming.ts";
import { repoRoot } from "../env/index.ts";
import { say } from "./say.ts";

export const SAMPLE = { namespace: "demo", name: "acme-pilot" } as const;
const FILES = ["complianceprofile-eu-gdpr-soc2.yaml", "tenant-starter-local.yaml"];

export interface Tenant {
  metadata?: { deletionTimestamp?: string };
  spec?: { admins?: string[] };
  status?: {
    phase?: string;
    message?: string;
    outputs?: Record<string, string>;
    conditions?: { type: string; status: string; message: string }[];
  };
}

/** The sample Tenant's first admin (spec.admins[0]), as the example file names it. */
export function sampleAdmin(): string {
  for (const doc of parseAllDocuments(
    readFileSync(join(repoRoot, "crds/examples", FILES[1] ?? ""), "utf8"),
  )) {
    const obj = doc.toJS() as { kind?: string; spec?: { admins?: string[] } };
    const admin = obj.kind === "Tenant" ? obj.spec?.admins?.[0] : undefined;
    if (admin) return admin;
  }
  throw new Error(`crds/examples/${FILES[1]} names no admin (spec.admins)`);
}

export class SampleTenant {
  private readonly co: k8s.CustomObjectsApi;
  private readonly core: k8s.CoreV1Api;
  private readonly objects: k8s.KubernetesObjectApi;

  constructor(kc: k8s.KubeConfig) {
    this.co = kc.makeApiClient(k8s.CustomObjectsApi);
    this.core = kc.makeApiClient(k8s.CoreV1Api);
    this.objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  }

  async read(): Promise<Tenant | undefined> {
    try {
      return (await this.co.getNamespacedCustomObject({
        group: "wspec.io",
        version: "v1alpha1",
        plural: "tenants",
        ...SAMPLE,
      })) as Tenant;
    } catch (err) {
      if (err instanceof k8s.ApiException && err.code === 404) return undefined;
      throw err;
    }
  }

  /** The operator's admin setup Secret of the tenant, if the tenant has one. */
  async adminSetupSecret(): Promise<k8s.V1Secret | undefined> {
    const namespace = (await this.read())?.status?.outputs?.namespace;
    if (!namespace) return undefined;
    try {
      return await this.core.readNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace });
    } catch (err) {
      if (err instanceof k8s.ApiException && err.code === 404) return undefined;
      throw err;
    }
  }

  /**
   * Whether the tenant's connection Secret hands the runtime its ComplianceProfile. A tenant
   * provisioned by an operator from before that was added keeps an old Secret: its inputs did not
   * change, so nothing re-provisions it.
   */
  async connectionCarriesPolicy(): Promise<boolean> {
    const namespace = (await this.read())?.status?.outputs?.namespace;
    if (!namespace) return false;
    const secret = await this.core.readNamespacedSecret({ name: CONNECTION_SECRET, namespace });
    return Boolean(secret.data?.COMPLIANCE_POLICY);
  }

  /**
   * Deletes the admin setup Secret so the operator issues (and logs) a fresh token when it starts:
   * the token of an earlier run is gone for good once its log line has scrolled past.
   */
  async forgetAdminSetup(): Promise<void> {
    const secret = await this.adminSetupSecret();
    if (!secret?.metadata?.namespace) return;
    await this.core
      .deleteNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace: secret.metadata.namespace })
      .catch((err: unknown) => {
        if (!(err instanceof k8s.ApiException && err.code === 404)) throw err;
      });
    say("no saved admin password: asked the operator for a new admin setup token");
  }

  /**
   * Touches the Tenant (an annotation) so the operator looks at it again. Its admin setup issuer
   * acts on watch events while leading; the list at its start comes before it leads, so a Ready
   * tenant without a setup Secret would otherwise wait for the next resync (5 minutes).
   */
  async nudge(): Promise<void> {
    const obj = {
      apiVersion: "wspec.io/v1alpha1",
      kind: "Tenant",
      metadata: { ...SAMPLE, annotations: { "wspec.io/demo-nudged-at": new Date().toISOString() } },
    };
    await this.objects.patch(
      obj,
      undefined,
      undefined,
      "wspec-demo-nudge",
      true,
      k8s.PatchStrategy.ServerSideApply,
    );
  }

  async apply(): Promise<void> {
    // A sample tenant deleted in an earlier run may still be tearing down: let it finish first.
    if ((await this.read())?.metadata?.deletionTimestamp) {
      say("the previous sample tenant is still being deleted; waiting for it");
      while (await this.read()) await sleep(500);
    }
    await this.core
      .createNamespace({ body: { metadata: { name: SAMPLE.namespace } } })
      .catch((err: unknown) => {
        if (!(err instanceof k8s.ApiException && err.code === 409)) throw err;
      });
    for (const file of FILES) {
      for (const doc of parseAllDocuments(readFileSync(join(repoRoot, "crds/examples", file), "utf8"))) {
        const obj = doc.toJS() as k8s.KubernetesObject;
        if (obj.kind === "Tenant") obj.metadata = { ...obj.metadata, namespace: SAMPLE.namespace };
        await this.objects.patch(
          obj,
          undefined,
          undefined,
          "wspec-demo",
          true,
          k8s.PatchStrategy.ServerSideApply,
        );
        const ns = obj.metadata?.namespace ? `${obj.metadata.namespace}/` : "";
        say(`applied ${obj.kind} ${ns}${obj.metadata?.name}`);
      }
    }
  }

  /** Progress on every change of phase or message; throws when Failed or after `timeoutMs`. */
  async waitReady(timeoutMs = 300_000): Promise<Tenant> {
    const started = Date.now();
    let last = "";
    for (;;) {
      const t = (await this.read()) ?? {};
      const phase = t.status?.phase ?? "Pending";
      const line = `tenant ${SAMPLE.namespace}/${SAMPLE.name}: ${phase}${t.status?.message ? ` (${t.status.message})` : ""}`;
      if (line !== last) say(`${line} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      last = line;
      if (phase === "Ready") return t;
      if (phase === "Failed") {
        const reason = t.status?.conditions?.find((c) => c.type === "Ready")?.message ?? t.status?.message;
        throw new Error(`the sample tenant failed: ${reason}`);
      }
      if (Date.now() - started > timeoutMs) {
        throw new Error(`the sample tenant was not Ready within ${timeoutMs / 1000} s (last: ${line})`);
      }
      await sleep(500);
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
