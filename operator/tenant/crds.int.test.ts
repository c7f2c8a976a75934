// crds/*.yaml on the real kube-apiserver: the CRDs apply and serve what the files say, the examples
// are accepted with the defaults the zod schemas also apply, bad specs are rejected with the
// schema's (and parseTenantSpec's) message, transition rules hold, status belongs to its
// subresource, and `kubectl get` columns are served.
import { randomUUID } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  API_VERSION,
  GROUP,
  PROFILE_KIND,
  PROFILE_PLURAL,
  type Problem,
  parseComplianceProfileSpec,
  parseTenantSpec,
  profileRuleMessages,
  TENANT_KIND,
  TENANT_PLURAL,
  tenantRuleMessages,
  VERSION,
} from "../../crds/index.ts";
import { crdsDir, examplesDir, loadManifestDir, type Manifest } from "../../crds/manifests.ts";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { markReady } from "./index.ts";

const kc = new k8s.KubeConfig();
let co: k8s.CustomObjectsApi;
let core: k8s.CoreV1Api;
const run = randomUUID().slice(0, 8);
const namespaces: string[] = [];
const profiles: string[] = [];
let crds: Manifest[];
let examples: Manifest[];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tenantApi = (namespace: string) => ({
  group: GROUP,
  version: VERSION,
  namespace,
  plural: TENANT_PLURAL,
});
const profileApi = { group: GROUP, version: VERSION, plural: PROFILE_PLURAL };
const merge = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

/** A fresh namespace per test; deleted at the end without waiting (deletion takes >= 5 s). */
async function freshNamespace(): Promise<string> {
  const name = `wspec-api-${run}-${namespaces.length}`;
  await core.createNamespace({ body: { metadata: { name } } });
  namespaces.push(name);
  return name;
}

/** The API server's message for a rejected request (ApiException.body is the raw Status JSON). */
async function rejection(request: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await request;
  } catch (err) {
    const e = err as { code?: number; body?: string };
    return { code: e.code ?? 0, message: (JSON.parse(e.body ?? "{}") as { message?: string }).message ?? "" };
  }
  throw new Error("the request was accepted");
}

type CrdManifest = Manifest & {
  spec: { versions: { schema: unknown; additionalPrinterColumns: unknown }[] };
};

// These tenants must never be provisioned, should an operator without a tenant selector be running
// on the shared cluster: they name a profile that does not exist, so a reconcile stops at
// ProfileNotFound, before the finalizer and before any Pulumi run. The label says whose they are.
const absentProfile = `absent-${run}`;
const labels = { "wspec.io/test": "operator-api" };

function tenant(name: string, spec: Record<string, unknown>) {
  return { apiVersion: API_VERSION, kind: TENANT_KIND, metadata: { name, labels }, spec };
}

const validSpec = {
  displayName: "Acme",
  tier: "professional",
  cloud: "aws",
  region: "eu-west-1",
  complianceProfile: absentProfile,
  admins: ["it@acme.example"],
};

function problems(result: ReturnType<typeof parseTenantSpec>): Problem[] {
  return result.ok ? [] : result.problems;
}

beforeAll(async () => {
  kc.loadFromFile((await loadLocalEnv()).kubernetes.kubeconfig);
  co = kc.makeApiClient(k8s.CustomObjectsApi);
  core = kc.makeApiClient(k8s.CoreV1Api);
  crds = await loadManifestDir(crdsDir);
  examples = await loadManifestDir(examplesDir);
  // As `env up` does: server-side apply with its field manager, then wait until served. The
  // manifests are in wire form already (manifests.ts): the body must go out as it is.
  const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
  for (const crd of crds) {
    await ext.patchCustomResourceDefinition(
      { name: crd.metadata?.name ?? "", body: crd, fieldManager: "wspec-env", force: true },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.ServerSideApply),
    );
  }
  for (const crd of crds) {
    for (let i = 0; ; i++) {
      const got = await ext.readCustomResourceDefinition({ name: crd.metadata?.name ?? "" });
      if (got.status?.conditions?.some((c) => c.type === "Established" && c.status === "True")) break;
      if (i > 100) throw new Error(`${crd.metadata?.name} not Established after 10 s`);
      await sleep(100);
    }
  }
  // A just-Established CRD can answer 429 while its storage starts: wait until both list.
  for (let i = 0; ; i++) {
    try {
      await co.listClusterCustomObject(profileApi);
      await co.listClusterCustomObject({ group: GROUP, version: VERSION, plural: TENANT_PLURAL });
      break;
    } catch (err) {
      if (i > 100) throw err;
      await sleep(100);
    }
  }
});

afterAll(async () => {
  await Promise.allSettled([
    ...namespaces.map((name) => core.deleteNamespace({ name })),
    ...profiles.map((name) => co.deleteClusterCustomObject({ ...profileApi, name })),
  ]);
});

describe("the CRDs on the API server", () => {
  it("serve exactly the schema and columns of the files", async () => {
    expect(crds.map((c) => c.metadata?.name).sort()).toEqual([
      `${PROFILE_PLURAL}.${GROUP}`,
      `${TENANT_PLURAL}.${GROUP}`,
    ]);
    for (const crd of crds as CrdManifest[]) {
      // Read as a plain object: the typed API hands back client models with renamed keys.
      const wire = (await co.getClusterCustomObject({
        group: "apiextensions.k8s.io",
        version: "v1",
        plural: "customresourcedefinitions",
        name: crd.metadata?.name ?? "",
      })) as CrdManifest;
      expect(wire.spec.versions[0]?.schema).toEqual(crd.spec.versions[0]?.schema);
      expect(wire.spec.versions[0]?.additionalPrinterColumns).toEqual(
        crd.spec.versions[0]?.additionalPrinterColumns,
      );
    }
  });

  it("accept the examples and default them as parseTenantSpec and parseComplianceProfileSpec do", async () => {
    const namespace = await freshNamespace();
    for (const ex of examples.filter((e) => e.kind === PROFILE_KIND)) {
      const name = `${ex.metadata?.name}-${run}`;
      profiles.push(name);
      const created = (await co.createClusterCustomObject({
        ...profileApi,
        body: { ...ex, metadata: { name } },
      })) as Manifest & { spec: unknown };
      const parsed = parseComplianceProfileSpec(ex.spec);
      expect(parsed.ok && parsed.value, name).toEqual(created.spec);
    }
    for (const ex of examples.filter((e) => e.kind === TENANT_KIND)) {
      const body = {
        ...ex,
        metadata: { ...ex.metadata, labels },
        spec: { ...(ex.spec as object), complianceProfile: absentProfile },
      };
      const created = (await co.createNamespacedCustomObject({
        ...tenantApi(namespace),
        body,
      })) as Manifest & {
        spec: unknown;
      };
      const parsed = parseTenantSpec(body.spec);
      expect(parsed.ok && parsed.value, ex.metadata?.name).toEqual(created.spec);
    }
  });
});

describe("schema validation", () => {
  it("rejects an unknown tier with the enum's allowed values", async () => {
    const namespace = await freshNamespace();
    const spec = { ...validSpec, tier: "gold" };
    const { code, message } = await rejection(
      co.createNamespacedCustomObject({ ...tenantApi(namespace), body: tenant("t1", spec) }),
    );
    expect(code).toBe(422);
    expect(message).toContain(
      'spec.tier: Unsupported value: "gold": supported values: "enterprise", "professional", "starter"',
    );
    expect(problems(parseTenantSpec(spec)).map((p) => p.message)).toEqual([
      'spec.tier "gold" not in [enterprise, professional, starter]',
    ]);
  });

  it("requires a region unless the cloud is local, with the message parseTenantSpec gives", async () => {
    const namespace = await freshNamespace();
    const { region: _, ...spec } = validSpec;
    const { code, message } = await rejection(
      co.createNamespacedCustomObject({ ...tenantApi(namespace), body: tenant("t2", spec) }),
    );
    expect(code).toBe(422);
    expect(message).toContain(`spec.region: Required value: ${tenantRuleMessages.regionRequired("aws")}`);
    expect(problems(parseTenantSpec(spec)).map((p) => p.message)).toEqual([
      tenantRuleMessages.regionRequired("aws"),
    ]);
    await co.createNamespacedCustomObject({
      ...tenantApi(namespace),
      body: tenant("t3", { ...spec, cloud: "local" }),
    });
  });

  it("rejects another cloud's region name with the same message as parseTenantSpec", async () => {
    const namespace = await freshNamespace();
    const spec = { ...validSpec, region: "westeurope" };
    const { message } = await rejection(
      co.createNamespacedCustomObject({ ...tenantApi(namespace), body: tenant("t4", spec) }),
    );
    const [problem] = problems(parseTenantSpec(spec));
    expect(problem?.message).toBe(
      'spec.region "westeurope" is not a region name for cloud aws (like eu-west-1)',
    );
    expect(message).toBe(`Tenant.wspec.io "t4" is invalid: spec.region: Invalid value: ${problem?.message}`);
  });

  it("rejects an invalid e-mail address and a duplicate admin", async () => {
    const namespace = await freshNamespace();
    const bad = await rejection(
      co.createNamespacedCustomObject({
        ...tenantApi(namespace),
        body: tenant("t5", { ...validSpec, admins: ["bob"] }),
      }),
    );
    expect(bad.code).toBe(422);
    expect(bad.message).toContain(
      'spec.admins[0]: Invalid value: "bob": spec.admins[0] in body must be of type email: "bob"',
    );
    const twice = ["a@acme.example", "a@acme.example"];
    const dup = await rejection(
      co.createNamespacedCustomObject({
        ...tenantApi(namespace),
        body: tenant("t6", { ...validSpec, admins: twice }),
      }),
    );
    expect(dup.message).toContain('spec.admins[1]: Duplicate value: "a@acme.example"');
  });

  it("rejects a HIPAA profile without customer-managed keys and one that allows no cloud", async () => {
    const name = `bad-${run}`;
    const hipaa = { frameworks: ["HIPAA"], allowedRegions: { aws: ["us-*"] } };
    const keys = await rejection(
      co.createClusterCustomObject({
        ...profileApi,
        body: { apiVersion: API_VERSION, kind: PROFILE_KIND, metadata: { name }, spec: hipaa },
      }),
    );
    const parsed = parseComplianceProfileSpec(hipaa);
    const [problem] = parsed.ok ? [] : parsed.problems;
    expect(problem?.message).toBe(
      "spec.encryption.customerManagedKeys must be true when spec.frameworks has HIPAA",
    );
    expect(keys.message).toBe(
      `ComplianceProfile.wspec.io "${name}" is invalid: spec.encryption.customerManagedKeys: Invalid value: ${problem?.message}`,
    );
    const none = await rejection(
      co.createClusterCustomObject({
        ...profileApi,
        body: {
          apiVersion: API_VERSION,
          kind: PROFILE_KIND,
          metadata: { name },
          spec: { frameworks: ["SOX"], allowedRegions: {} },
        },
      }),
    );
    expect(none.message).toBe(
      `ComplianceProfile.wspec.io "${name}" is invalid: spec.allowedRegions: Invalid value: ${profileRuleMessages.noCloud}`,
    );
  });
});

describe("transition rules", () => {
  it("reject a change of tier, cloud or region with the migration message", async () => {
    const namespace = await freshNamespace();
    await co.createNamespacedCustomObject({ ...tenantApi(namespace), body: tenant("t7", validSpec) });
    const change = (spec: Record<string, unknown>) =>
      rejection(
        co.patchNamespacedCustomObject({ ...tenantApi(namespace), name: "t7", body: { spec } }, merge),
      );
    const invalid = 'Tenant.wspec.io "t7" is invalid';
    expect((await change({ tier: "enterprise" })).message).toBe(
      `${invalid}: spec.tier: Invalid value: "enterprise": ${tenantRuleMessages.tierImmutable}`,
    );
    // A new cloud needs a new region too: both rules answer, in no fixed order.
    const moved = (await change({ cloud: "gcp", region: "europe-west1" })).message;
    expect(moved).toContain(`spec.cloud: Invalid value: "gcp": ${tenantRuleMessages.cloudImmutable}`);
    expect(moved).toContain(
      `spec.region: Invalid value: "europe-west1": ${tenantRuleMessages.regionImmutable}`,
    );
    expect((await change({ region: "eu-central-1" })).message).toBe(
      `${invalid}: spec.region: Invalid value: "eu-central-1": ${tenantRuleMessages.regionImmutable}`,
    );
    // Everything else may change.
    const patched = await co.patchNamespacedCustomObject(
      {
        ...tenantApi(namespace),
        name: "t7",
        body: { spec: { displayName: "Acme Corp", limits: { storageGiB: 50 } } },
      },
      merge,
    );
    expect(patched.spec).toMatchObject({
      displayName: "Acme Corp",
      limits: { storageGiB: 50 },
      tier: "professional",
    });
  });
});

describe("status", () => {
  it("is written only through the status subresource, and validated there", async () => {
    const namespace = await freshNamespace();
    await co.createNamespacedCustomObject({ ...tenantApi(namespace), body: tenant("t8", validSpec) });
    const status = {
      phase: "Ready",
      observedGeneration: 1,
      conditions: markReady([], 1, new Date("2026-11-26T10:00:00Z")),
      stack: {
        name: "tenant-x-t8-0123456789",
        lastOperation: "up",
        result: "succeeded",
        durationSeconds: 4.2,
      },
      outputs: { database: "t_x_t8_0123456789" },
    };
    await co.patchNamespacedCustomObject({ ...tenantApi(namespace), name: "t8", body: { status } }, merge);
    const ignored = await co.getNamespacedCustomObject({ ...tenantApi(namespace), name: "t8" });
    expect(ignored.status).toBeUndefined();

    const written = await co.patchNamespacedCustomObjectStatus(
      { ...tenantApi(namespace), name: "t8", body: { status } },
      merge,
    );
    expect(written.status).toEqual(status);

    const bad = await rejection(
      co.patchNamespacedCustomObjectStatus(
        { ...tenantApi(namespace), name: "t8", body: { status: { phase: "Bogus" } } },
        merge,
      ),
    );
    expect(bad.message).toContain('status.phase: Unsupported value: "Bogus"');
  });
});

describe("printer columns", () => {
  const asTable = k8s.setHeaderOptions("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io");
  type Table = { kind: string; columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] };

  it("kubectl get tenants shows TIER, CLOUD, REGION, PHASE, READY and AGE", async () => {
    const namespace = await freshNamespace();
    await co.createNamespacedCustomObject({ ...tenantApi(namespace), body: tenant("t9", validSpec) });
    const status = { phase: "Ready", conditions: markReady([], 1, new Date()) };
    await co.patchNamespacedCustomObjectStatus(
      { ...tenantApi(namespace), name: "t9", body: { status } },
      merge,
    );
    const table = (await co.listNamespacedCustomObject(tenantApi(namespace), asTable)) as Table;
    expect(table.kind).toBe("Table");
    expect(table.columnDefinitions.map((c) => c.name)).toEqual([
      "Name",
      "TIER",
      "CLOUD",
      "REGION",
      "PHASE",
      "READY",
      "AGE",
    ]);
    expect(table.rows[0]?.cells.slice(0, 6)).toEqual([
      "t9",
      "professional",
      "aws",
      "eu-west-1",
      "Ready",
      "True",
    ]);
  });

  it("kubectl get complianceprofiles shows FRAMEWORKS, PII and AGE", async () => {
    const name = `cols-${run}`;
    profiles.push(name);
    await co.createClusterCustomObject({
      ...profileApi,
      body: {
        apiVersion: API_VERSION,
        kind: PROFILE_KIND,
        metadata: { name },
        spec: { frameworks: ["GDPR", "SOC2"], allowedRegions: { local: ["*"] } },
      },
    });
    const table = (await co.getClusterCustomObject({ ...profileApi, name }, asTable)) as Table;
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(["Name", "FRAMEWORKS", "PII", "AGE"]);
    expect(table.rows[0]?.cells.slice(0, 3)).toEqual([name, '["GDPR","SOC2"]', "redact"]);
  });
});
