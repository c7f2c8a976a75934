// The first admins' setup tokens on the real kube-apiserver: a Ready tenant gets one Secret with
// only hashes; the clear tokens are in no log line (review finding, issue 16: they were printed to
// the operator's log) and are handed out once, to the sales-ops user who requested the tenant (or,
// for a kubectl-applied tenant, in a mode-600 outbox file); a resync or a second replica issues
// nothing new, and a follower issues nothing at all.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import * as k8s from "@kubernetes/client-node";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_VERSION, resourcePrefix, type Tenant } from "../../crds/index.ts";
import {
  ADMIN_SETUP_SECRET,
  AdminSetupSecretSchema,
  CONNECTION_SECRET,
  decodeSecretData,
  hashSetupToken,
  isSetupTokenShape,
} from "../../lib/tenant-secrets/index.ts";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { CONNECTION_SECRET as STACK_CONNECTION_SECRET } from "../../stacks/local/naming.ts";
import { adminSetupIssuer, outboxFile, REQUESTED_BY_ANNOTATION } from "./admin-setup.ts";

const run = randomBytes(3).toString("hex");
const tenantNs = `wspec-as-${run}`;
const kubectlNs = `wspec-as2-${run}`;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;

beforeAll(async () => {
  kc = new k8s.KubeConfig();
  kc.loadFromFile((await loadLocalEnv()).kubernetes.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: tenantNs } } });
  await core.createNamespace({ body: { metadata: { name: kubectlNs } } });
});
afterAll(async () => {
  await core?.deleteNamespace({ name: tenantNs }).catch(() => {});
  await core?.deleteNamespace({ name: kubectlNs }).catch(() => {});
});

function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      raw.push(String(chunk));
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: "trace" }, stream), lines, raw };
}

function tenant(
  ready: boolean,
  { name = `acme-${run}`, requestedBy = "sales-ops-alice", namespace = tenantNs } = {},
): Tenant {
  return {
    apiVersion: API_VERSION,
    kind: "Tenant",
    metadata: {
      namespace: "sales",
      name,
      uid: "u1",
      ...(requestedBy ? { annotations: { [REQUESTED_BY_ANNOTATION]: requestedBy } } : {}),
    },
    spec: {
      displayName: "Acme",
      tier: "starter",
      cloud: "local",
      complianceProfile: "eu",
      admins: ["root@acme.test", "ops@acme.test"],
    },
    status: {
      phase: ready ? "Ready" : "Provisioning",
      outputs: { namespace },
      conditions: [
        {
          type: "Ready",
          status: ready ? "True" : "False",
          reason: ready ? "Provisioned" : "Provisioning",
          message: "",
          lastTransitionTime: new Date().toISOString(),
        },
      ],
    },
  } as Tenant;
}

describe("adminSetupIssuer", () => {
  it("names the Secret the stack writes (the contract in lib/tenant-secrets)", () => {
    expect(CONNECTION_SECRET).toBe(STACK_CONNECTION_SECRET);
  });

  it("issues once for a Ready tenant: hashes in the Secret, no token in any log line, clear tokens to the requester once", async () => {
    const { log, lines, raw } = capturedLog();
    let leader = false;
    const issuer = adminSetupIssuer({
      kc,
      log,
      isLeader: () => leader,
      runtimeUrl: "http://127.0.0.1:8081/",
    });
    issuer.onTenant(tenant(true), "add"); // not the leader
    issuer.onTenant(tenant(false), "update"); // not Ready
    leader = true;
    issuer.onTenant(tenant(false), "update");
    await issuer.idle();
    await expect(
      core.readNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace: tenantNs }),
    ).rejects.toThrow(/404|not found/i);

    issuer.onTenant(tenant(true), "update");
    issuer.onTenant(tenant(true), "resync"); // while the first is running
    await issuer.idle();
    const secret = await core.readNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace: tenantNs });
    const parsed = AdminSetupSecretSchema.parse(decodeSecretData(secret.data));
    expect(parsed.TENANT_ID).toBe(resourcePrefix("sales", `acme-${run}`));
    expect(secret.metadata?.labels).toMatchObject({
      "app.kubernetes.io/managed-by": "wspec",
      "wspec.io/tenant": parsed.TENANT_ID,
      "wspec.io/tenant-namespace": "sales",
    });

    // Another sales-ops user asking gets nothing, and leaves the tokens for the requester.
    expect(issuer.take("sales", `acme-${run}`, "sales-ops-mallory")).toBeUndefined();
    const shown = issuer.take("sales", `acme-${run}`, "sales-ops-alice") ?? [];
    expect(shown.map((n) => n.email)).toEqual(["root@acme.test", "ops@acme.test"]);
    for (const n of shown) {
      expect(isSetupTokenShape(n.token)).toBe(true);
      expect(n.setupUrl).toBe("http://127.0.0.1:8081/api/v2/auth/setup");
    }
    expect(parsed.ADMINS.map((a) => [a.email, a.tokenSha256])).toEqual(
      shown.map((n) => [n.email, hashSetupToken(n.token)]),
    );
    expect(issuer.take("sales", `acme-${run}`, "sales-ops-alice")).toBeUndefined();
    const expiresIn = Date.parse(parsed.ADMINS[0]?.expiresAt ?? "") - Date.now();
    expect(expiresIn).toBeGreaterThan(71 * 3_600_000);
    expect(expiresIn).toBeLessThanOrEqual(72 * 3_600_000);
    // The clear token is nowhere in the Secret, and in no log line.
    const stored = JSON.stringify(secret);
    for (const n of shown) expect(stored).not.toContain(n.token);
    expect(raw.join("")).not.toMatch(/wspec_setup_/);
    const issued = lines.filter((l) => String(l.msg).startsWith("admin setup tokens issued"));
    expect(issued.map((l) => [l.admins, l.requestedBy])).toEqual([
      [["root@acme.test", "ops@acme.test"], "sales-ops-alice"],
    ]);

    // A resync, and another replica that restarted (no memory): nothing new is issued.
    issuer.onTenant(tenant(true), "resync");
    const other = capturedLog();
    const replica = adminSetupIssuer({ kc, log: other.log, isLeader: () => true });
    replica.onTenant(tenant(true), "add");
    await Promise.all([issuer.idle(), replica.idle()]);
    expect(lines.filter((l) => String(l.msg).startsWith("admin setup tokens issued"))).toHaveLength(1);
    expect(other.lines.filter((l) => String(l.msg).startsWith("admin setup tokens issued"))).toHaveLength(0);
    const again = await core.readNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace: tenantNs });
    expect(again.data).toEqual(secret.data);

    // A lost token: deleting the Secret issues new ones at the next resync.
    await core.deleteNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace: tenantNs });
    issuer.onTenant(tenant(true), "resync");
    await issuer.idle();
    const fresh = issuer.take("sales", `acme-${run}`, "sales-ops-alice") ?? [];
    expect(fresh.map((n) => n.email)).toEqual(["root@acme.test", "ops@acme.test"]);
    expect(fresh.map((n) => n.token)).not.toEqual(shown.map((n) => n.token));
    expect(raw.join("")).not.toMatch(/wspec_setup_/);
  });

  it("a tenant applied with kubectl (no requester): tokens in a mode-600 outbox file, not the log nor the console", async () => {
    const { log, raw } = capturedLog();
    const dir = join(mkdtempSync(join(tmpdir(), "wspec-outbox-")), "admin-setup");
    const name = `kubectl-${run}`;
    const issuer = adminSetupIssuer({ kc, log, isLeader: () => true, outboxDir: dir });
    issuer.onTenant(tenant(true, { name, requestedBy: "", namespace: kubectlNs }), "add");
    await issuer.idle();
    const file = outboxFile(dir, "sales", name);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const left = JSON.parse(readFileSync(file, "utf8")) as {
      tenant: string;
      tenantId: string;
      notices: { email: string; token: string }[];
    };
    const secret = await core.readNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace: kubectlNs });
    const parsed = AdminSetupSecretSchema.parse(decodeSecretData(secret.data));
    expect([left.tenant, left.tenantId]).toEqual([`sales/${name}`, parsed.TENANT_ID]);
    expect(left.notices.map((n) => [n.email, hashSetupToken(n.token)])).toEqual(
      parsed.ADMINS.map((a) => [a.email, a.tokenSha256]),
    );
    expect(issuer.take("sales", name, "")).toBeUndefined();
    expect(raw.join("")).not.toMatch(/wspec_setup_/);
    expect(raw.join("")).toContain(file);
  });
});
