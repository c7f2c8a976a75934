// Review finding (issue 16): the runtime took a tenant's admin setup Secret (and connection Secret)
// from any namespace that carried the right labels, so anyone who could create a Secret anywhere
// (a tenant's own users in their namespace) could publish a setup token for another tenant and
// become its admin. On the real kube-apiserver: only the tenant's own operator-managed namespace is
// trusted; forged copies elsewhere are ignored and logged by source, and no log line holds a token,
// a token hash or a password.
import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_SETUP_SECRET,
  adminSetupSecret,
  CONNECTION_SECRET,
  hashSetupToken,
} from "../../lib/tenant-secrets/index.ts";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { startKubernetesSource, type TenantSource } from "./kubernetes-source.ts";
import type { TenantLog } from "./tenant-sync.ts";

const run = randomBytes(3).toString("hex");
const victim = `trust-${run}`;
const attacker = `evil-${run}`;
const victimNs = `wspec-trust-${run}`;
const attackerNs = `wspec-evil-${run}`;
const plainNs = `wspec-plain-${run}`;
const PASSWORD = `db-${randomBytes(8).toString("hex")}`;
const managed = (tenant: string) => ({ "app.kubernetes.io/managed-by": "wspec", "wspec.io/tenant": tenant });

let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let source: TenantSource | undefined;
const calls: string[] = [];
const logLines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
const tokens: string[] = [];

const logger: TenantLog = {
  info: (obj, msg) => logLines.push({ level: "info", obj: obj as Record<string, unknown>, msg }),
  warn: (obj, msg) => logLines.push({ level: "warn", obj: obj as Record<string, unknown>, msg }),
  error: (obj, msg) => logLines.push({ level: "error", obj: obj as Record<string, unknown>, msg }),
};
const sync = {
  upsert: async (src: string, l: { slug: string }) => void calls.push(`upsert ${l.slug} from ${src}`),
  remove: async (src: string) => void calls.push(`remove ${src}`),
  setAdmins: async (src: string, slug: string) => void calls.push(`setAdmins ${slug} from ${src}`),
  removeAdmins: async (src: string) => void calls.push(`removeAdmins ${src}`),
};

/** What operator/admin-setup writes, in `namespace`, claiming `tenant`; its clear token is kept. */
function setupSecret(namespace: string, tenant: string, labelTenant = tenant): k8s.V1Secret {
  const { body, issued } = adminSetupSecret({
    tenantId: tenant,
    namespace,
    admins: [`mallory+${namespace}@evil.test`],
    labels: { "wspec.io/test-run": run },
  });
  tokens.push(...issued.map((i) => i.token));
  return {
    ...body,
    metadata: { ...body.metadata, labels: { ...body.metadata.labels, "wspec.io/tenant": labelTenant } },
  };
}

/** What the tenant's stack writes. */
function connectionSecret(namespace: string, tenant: string): k8s.V1Secret {
  return {
    metadata: {
      name: CONNECTION_SECRET,
      namespace,
      labels: { ...managed(tenant), "wspec.io/test-run": run },
    },
    type: "Opaque",
    stringData: {
      TENANT_ID: tenant,
      TENANT_TIER: "starter",
      DATABASE_HOST: "db.evil.test",
      DATABASE_PORT: "5432",
      DATABASE_NAME: "stolen",
      DATABASE_SCHEMA: "public",
      DATABASE_USER: "wspec_app",
      DATABASE_PASSWORD: PASSWORD,
      REDIS_KEY_PREFIX: `t:${tenant}:`,
    },
  };
}

async function until<T>(what: string, fn: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what} not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  kc = new k8s.KubeConfig();
  kc.loadFromFile((await loadLocalEnv()).kubernetes.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
  // The victim's namespace as its stack labels it; the attacker's is another tenant's, labelled the
  // same way for that tenant; the plain one is anybody's.
  await core.createNamespace({ body: { metadata: { name: victimNs, labels: managed(victim) } } });
  await core.createNamespace({ body: { metadata: { name: attackerNs, labels: managed(attacker) } } });
  await core.createNamespace({ body: { metadata: { name: plainNs } } });
  const create = (s: k8s.V1Secret) =>
    core.createNamespacedSecret({ namespace: s.metadata?.namespace ?? "", body: s });
  await create(connectionSecret(victimNs, victim));
  await create(setupSecret(victimNs, victim));
  // Forgeries: claiming the victim from the attacker's namespace and from a plain one.
  await create(setupSecret(attackerNs, victim));
  await create(connectionSecret(attackerNs, victim));
  await create(setupSecret(plainNs, victim));
}, 60_000);

afterAll(async () => {
  await source?.stop();
  for (const ns of [victimNs, attackerNs, plainNs]) await core?.deleteNamespace({ name: ns }).catch(() => {});
});

describe("tenant Secrets are trusted only from the tenant's own operator-managed namespace", () => {
  it("at start: the victim's own Secrets apply, the forged copies are ignored and logged by source", async () => {
    source = await startKubernetesSource({ kc, sync, logger, selector: `wspec.io/test-run=${run}` });
    expect(calls.sort()).toEqual(
      [
        `upsert ${victim} from kubernetes:${victimNs}/${CONNECTION_SECRET}`,
        `setAdmins ${victim} from kubernetes:${victimNs}/${ADMIN_SETUP_SECRET}`,
      ].sort(),
    );
    const ignored = logLines.filter((l) => l.msg.startsWith("tenant Secret ignored"));
    expect(ignored.map((l) => [l.level, l.obj.source, l.obj.claimedTenant]).sort()).toEqual(
      [
        ["warn", `kubernetes:${attackerNs}/${ADMIN_SETUP_SECRET}`, victim],
        ["warn", `kubernetes:${attackerNs}/${CONNECTION_SECRET}`, victim],
        ["warn", `kubernetes:${plainNs}/${ADMIN_SETUP_SECRET}`, victim],
      ].sort(),
    );
    expect(ignored.find((l) => String(l.obj.source).includes(attackerNs))?.obj.reason).toBe(
      `namespace ${attackerNs} is not tenant ${victim}'s: label wspec.io/tenant is not "${victim}"`,
    );
  });

  it("while watching: a forgery in the victim's own namespace for another tenant, or with a mismatched label, is ignored too", async () => {
    calls.length = 0;
    // Secrets carrying another tenant's id, created in the victim's namespace (the label matches
    // the claim but the namespace is not that tenant's), and one whose label and data disagree.
    const other = setupSecret(victimNs, attacker);
    other.metadata = { ...other.metadata, name: ADMIN_SETUP_SECRET };
    await core.replaceNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace: victimNs, body: other });
    await until("the ignored update", () =>
      logLines.find((l) => l.msg.startsWith("tenant Secret ignored") && l.obj.claimedTenant === attacker),
    );
    const mismatched = setupSecret(victimNs, attacker, victim);
    await core.replaceNamespacedSecret({ name: ADMIN_SETUP_SECRET, namespace: victimNs, body: mismatched });
    await until("the mismatched label logged", () =>
      logLines.find((l) => l.obj.reason === "its wspec.io/tenant label does not name the tenant it claims"),
    );
    expect(calls).toEqual([]);
  });

  it("no log line holds a setup token, a token hash or a password", () => {
    const text = JSON.stringify(logLines);
    expect(tokens.length).toBeGreaterThan(0);
    for (const t of tokens) {
      expect(text).not.toContain(t);
      expect(text).not.toContain(hashSetupToken(t));
    }
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/wspec_setup_/);
  });
});
