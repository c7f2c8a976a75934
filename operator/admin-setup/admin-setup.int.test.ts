// The first admins' setup tokens on the real kube-apiserver: a Ready tenant gets one Secret with
// only hashes, each clear token is printed once to the log and handed to the console once, a
// resync or a second replica issues nothing new, and a follower issues nothing at all.
import { randomBytes } from "node:crypto";
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
import { adminSetupIssuer } from "./admin-setup.ts";

const run = randomBytes(3).toString("hex");
const tenantNs = `wspec-as-${run}`;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;

beforeAll(async () => {
  kc = new k8s.KubeConfig();
  kc.loadFromFile((await loadLocalEnv()).kubernetes.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: tenantNs } } });
});
afterAll(async () => {
  await core?.deleteNamespace({ name: tenantNs }).catch(() => {});
});

function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: "info" }, stream), lines };
}

function tenant(ready: boolean): Tenant {
  return {
    apiVersion: API_VERSION,
    kind: "Tenant",
    metadata: { namespace: "sales", name: `acme-${run}`, uid: "u1" },
    spec: {
      displayName: "Acme",
      tier: "starter",
      cloud: "local",
      complianceProfile: "eu",
      admins: ["root@acme.test", "ops@acme.test"],
    },
    status: {
      phase: ready ? "Ready" : "Provisioning",
      outputs: { namespace: tenantNs },
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

  it("issues once for a Ready tenant: hashes in the Secret, clear tokens in the log and to the console once", async () => {
    const { log, lines } = capturedLog();
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

    const printed = lines.filter((l) => typeof l.setupToken === "string");
    expect(printed.map((l) => l.admin)).toEqual(["root@acme.test", "ops@acme.test"]);
    for (const l of printed) {
      expect(isSetupTokenShape(String(l.setupToken))).toBe(true);
      expect(l.setupUrl).toBe("http://127.0.0.1:8081/api/v2/auth/setup");
    }
    expect(parsed.ADMINS.map((a) => [a.email, a.tokenSha256])).toEqual(
      printed.map((l) => [l.admin, hashSetupToken(String(l.setupToken))]),
    );
    const expiresIn = Date.parse(parsed.ADMINS[0]?.expiresAt ?? "") - Date.now();
    expect(expiresIn).toBeGreaterThan(71 * 3_600_000);
    expect(expiresIn).toBeLessThanOrEqual(72 * 3_600_000);
    // The clear token is nowhere in the Secret.
    const raw = JSON.stringify(secret);
    for (const l of printed) expect(raw).not.toContain(String(l.setupToken));

    const shown = issuer.take("sales", `acme-${run}`);
    expect(shown?.map((n) => n.token)).toEqual(printed.map((l) => l.setupToken));
    expect(issuer.take("sales", `acme-${run}`)).toBeUndefined();

    // A resync, and another replica that restarted (no memory): nothing new is issued.
    issuer.onTenant(tenant(true), "resync");
    const other = capturedLog();
    const replica = adminSetupIssuer({ kc, log: other.log, isLeader: () => true });
    replica.onTenant(tenant(true), "add");
    await Promise.all([issuer.idle(), replica.idle()]);
    expect(lines.filter((l) => typeof l.setupToken === "string")).toHaveLength(2);
    expect(other.lines.filter((l) => typeof l.setupToken === "string")).toHaveLength(0);
    const again = await core.readNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace: tenantNs });
    expect(again.data).toEqual(secret.data);

    // A lost token: deleting the Secret issues new ones at the next resync.
    await core.deleteNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace: tenantNs });
    issuer.onTenant(tenant(true), "resync");
    await issuer.idle();
    const fresh = lines.filter((l) => typeof l.setupToken === "string").slice(2);
    expect(fresh.map((l) => l.admin)).toEqual(["root@acme.test", "ops@acme.test"]);
    expect(fresh.map((l) => l.setupToken)).not.toEqual(printed.map((l) => l.setupToken));
  });
});
