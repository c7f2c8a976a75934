// The reconciler's decisions, with its I/O boundaries (the Tenant client, the stack operations,
// the event recorder) replaced by in-memory versions of their interfaces. The integration tests run
// the same code against the real API server and Pulumi engine.
import pino from "pino";
import { describe, expect, it } from "vitest";
import {
  type ComplianceProfile,
  FINALIZER,
  parseComplianceProfileSpec,
  parseTenantSpec,
  stackName,
  type Tenant,
} from "../../crds/index.ts";
import { PolicyViolationError } from "../pulumi/policy-violations.ts";
import { inputsHash, markReady } from "../tenant/index.ts";
import type { TenantClient, TenantStatusPatch } from "./tenant-client.ts";
import { type ReconcilerDeps, reconcileTenant } from "./tenant-reconciler.ts";
import { StackLockedError } from "./tenant-stacks.ts";

const now = new Date("2026-11-26T10:00:00Z");
const spec = {
  displayName: "Acme",
  tier: "starter",
  cloud: "local",
  complianceProfile: "eu",
  admins: ["a@example.com"],
};
const profileSpec = { frameworks: ["GDPR"], allowedRegions: { local: ["*"] }, pii: "redact" };
const profile = {
  apiVersion: "wspec.io/v1alpha1",
  kind: "ComplianceProfile",
  metadata: { name: "eu" },
  spec: profileSpec,
} as unknown as ComplianceProfile;

const bump = (m: Tenant["metadata"]) => ({ ...m, resourceVersion: String(Number(m.resourceVersion) + 1) });

function harness(tenant: Tenant, stacks: Partial<ReconcilerDeps["stacks"]> = {}) {
  let current = structuredClone(tenant);
  const patches: TenantStatusPatch[] = [];
  const events: string[] = [];
  const client: TenantClient = {
    get: async () => structuredClone(current),
    // Like the API server: every write bumps resourceVersion; a stale one conflicts.
    patchStatus: async (_t, status) => {
      patches.push(status);
      current = {
        ...current,
        metadata: bump(current.metadata),
        status: { ...current.status, ...(status as object) },
      } as Tenant;
      return structuredClone(current);
    },
    setFinalizers: async (t, finalizers) => {
      if (t.metadata.resourceVersion !== current.metadata.resourceVersion) throw new Error("409 conflict");
      current = { ...current, metadata: { ...bump(current.metadata), finalizers } };
      return structuredClone(current);
    },
  };
  const fail = (op: string) => async () => {
    throw new Error(`unexpected ${op}`);
  };
  const deps: ReconcilerDeps = {
    tenants: client,
    profiles: { get: (n) => (n === "eu" ? profile : undefined), names: () => ["eu"] },
    stacks: {
      up: stacks.up ?? fail("up"),
      destroy: stacks.destroy ?? fail("destroy"),
      forget: stacks.forget ?? fail("forget"),
      driftCheck: stacks.driftCheck ?? fail("driftCheck"),
    },
    programs: () => ({
      program: async () => {},
      outputs: () => ({ namespace: "tenant-x" }),
      policyPack: async () => "/packs/eu/pack",
    }),
    recorder: { record: async (_t, type, reason) => void events.push(`${type} ${reason}`) },
    now: () => now,
    driftCheckIntervalMs: 3_600_000,
    maxRetries: 3,
  };
  const run = (failures = 0) =>
    reconcileTenant(deps, {
      namespace: "ns",
      name: "acme",
      failures,
      log: pino({ level: "silent" }),
      signal: new AbortController().signal,
    });
  return { run, patches, events, current: () => current };
}

const tenant = (over: Partial<Tenant["metadata"]> = {}, status?: Tenant["status"]): Tenant =>
  ({
    apiVersion: "wspec.io/v1alpha1",
    kind: "Tenant",
    metadata: {
      name: "acme",
      namespace: "ns",
      generation: 2,
      resourceVersion: "1",
      finalizers: [FINALIZER],
      ...over,
    },
    spec,
    status,
  }) as unknown as Tenant;

const readyStatus = (checkedAt: Date): Tenant["status"] => {
  const p = parseTenantSpec(spec);
  const q = parseComplianceProfileSpec(profileSpec);
  if (!p.ok || !q.ok) throw new Error("fixture");
  return {
    phase: "Ready",
    observedGeneration: 2,
    observedInputsHash: inputsHash(p.value, q.value),
    conditions: markReady([], 2, checkedAt),
    stack: { name: "s", lastDriftCheckTime: checkedAt.toISOString() },
  };
};

describe("reconcileTenant", () => {
  it("runs no Pulumi operation when inputs are unchanged and Ready, and comes back when drift is due", async () => {
    const h = harness(tenant({}, readyStatus(new Date(now.getTime() - 600_000))));
    await expect(h.run()).resolves.toEqual({ requeueAfterMs: 3_000_000, outcome: "done" });
    expect(h.patches).toEqual([]);
  });

  it("runs the drift check, not an update, once it is due", async () => {
    const h = harness(tenant({}, readyStatus(new Date(now.getTime() - 4_000_000))), {
      driftCheck: async () => ({ update: 1 }),
    });
    await h.run();
    expect(h.patches.at(-1)?.conditions).toContainEqual(
      expect.objectContaining({ type: "Drifted", status: "True", reason: "DriftDetected" }),
    );
    expect(h.events).toContain("Warning DriftDetected");
  });

  it("a failed update is recorded and thrown (the queue backs off)", async () => {
    const h = harness(tenant(), { up: async () => Promise.reject(new Error("error: boom in provider")) });
    await expect(h.run(0)).rejects.toThrow("boom");
    const ready = h.current().status?.conditions?.find((c) => c.type === "Ready");
    expect(ready).toMatchObject({ status: "False", reason: "ProvisioningFailed" });
    expect(ready?.message).toMatch(/pulumi up of stack .* failed: error: boom in provider/);
    expect(h.current().status?.phase).toBe("Failed");
    expect(h.events).toContain("Warning ProvisioningFailed");
  });

  it("passes the profile's compliance pack to every up", async () => {
    const packs: string[][] = [];
    const h = harness(tenant(), {
      up: async (_s, _p, _c, opts) => {
        packs.push([...opts.policyPacks]);
        return { outputs: {}, resourceCount: 1, durationSeconds: 1 };
      },
    });
    await h.run();
    expect(packs).toEqual([["/packs/eu/pack"]]);
  });

  it("a policy violation stalls at once, naming the rule and the resource in the conditions", async () => {
    const violations = [
      {
        pack: "wspec-compliance",
        rule: "deletion-protection",
        resource: "acme-postgres (pulumi-nodejs:dynamic/local:PostgresTenant)",
        message:
          "acme-postgres (pulumi-nodejs:dynamic/local:PostgresTenant): protect is false: must be protected",
      },
    ];
    const h = harness(tenant(), {
      up: async () => Promise.reject(new PolicyViolationError("s", violations, new Error("exit 1"))),
    });
    await expect(h.run(0)).resolves.toEqual({ outcome: "stalled" });
    const conditions = h.current().status?.conditions ?? [];
    const message = `pulumi up of stack ${stackName("ns", "acme")} refused by policy: rule deletion-protection (wspec-compliance): acme-postgres (pulumi-nodejs:dynamic/local:PostgresTenant): protect is false: must be protected`;
    for (const type of ["Ready", "Stalled", "Provisioned", "Compliant"]) {
      expect(
        conditions.find((c) => c.type === type),
        type,
      ).toMatchObject({ reason: "PolicyViolation", message });
    }
    expect(conditions.find((c) => c.type === "Ready")?.status).toBe("False");
    expect(conditions.find((c) => c.type === "Compliant")?.status).toBe("False");
    expect(h.current().status?.phase).toBe("Failed");
    expect(h.events).toContain("Warning PolicyViolation");
  });

  it("at the retry cap the tenant is Stalled and nothing is thrown", async () => {
    const h = harness(tenant(), { up: async () => Promise.reject(new Error("boom")) });
    await expect(h.run(2)).resolves.toEqual({ outcome: "stalled" });
    const stalled = h.current().status?.conditions?.find((c) => c.type === "Stalled");
    expect(stalled?.message).toMatch(/gave up after 3 attempts; change the spec to retry/);
  });

  it("a stack locked by a live update is retried later, not failed", async () => {
    const h = harness(tenant(), { up: async () => Promise.reject(new StackLockedError("s", "pid 1 on h")) });
    await expect(h.run()).resolves.toEqual({ requeueAfterMs: 10_000, outcome: "requeue" });
    expect(h.events).not.toContain("Warning ProvisioningFailed");
  });

  it("a failed destroy keeps the finalizer and says why in status", async () => {
    const h = harness(tenant({ deletionTimestamp: now }), {
      destroy: async () => Promise.reject(new Error("error: role in use")),
    });
    await expect(h.run()).rejects.toThrow("role in use");
    expect(h.current().metadata.finalizers).toEqual([FINALIZER]);
    expect(h.current().status?.message).toMatch(
      /pulumi destroy of stack .* failed: error: role in use; finalizer kept/,
    );
    expect(h.events).toContain("Warning DestroyFailed");
  });

  it("a successful destroy removes the finalizer with the resourceVersion its status write produced", async () => {
    const h = harness(tenant({ deletionTimestamp: now }), { destroy: async () => {} });
    await expect(h.run()).resolves.toEqual({ outcome: "done" });
    expect(h.current().metadata.finalizers).toEqual([]);
    expect(h.events).toEqual(["Normal DestroyStarted", "Normal Destroyed"]);
  });
});

describe("reconcileTenant events", () => {
  it("records a stall's Warning once, not on every later look", async () => {
    const h = harness({ ...tenant(), spec: { ...spec, complianceProfile: "missing" } } as unknown as Tenant);
    await h.run();
    await h.run();
    await h.run();
    expect(h.events).toEqual(["Warning ProfileNotFound"]);
  });
});
