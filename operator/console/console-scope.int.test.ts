// Review finding (issue 16): the sales-ops console reached every namespace — it listed, showed,
// streamed and deleted any Tenant of the cluster, handed a tenant's admin setup tokens to whichever
// sales-ops user opened it first, and its session cookie was never `Secure`. On the real
// kube-apiserver: the console's routes see only the tenants it created in its own namespace (every
// other tenant answers 404, as if absent), setup tokens go once to the user who requested the
// tenant, and the cookie is `Secure` when the console is served over TLS.
import * as k8s from "@kubernetes/client-node";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ComplianceProfile,
  GROUP,
  PROFILE_PLURAL,
  TENANT_PLURAL,
  type Tenant,
  VERSION,
} from "../../crds/index.ts";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import type { AdminSetupNotice } from "../admin-setup/index.ts";
import { type TestCluster, testCluster } from "../testing/cluster.ts";
import { registerConsole } from "./console-api.ts";
import { newToken, tokenVerifier } from "./console-tokens.ts";

let cluster: TestCluster;
let consoleNs: string;
let otherNs: string;
let co: k8s.CustomObjectsApi;
let app: Hono;
let profile: ComplianceProfile;
let cache: Tenant[] = [];
const alice = newToken("sales-ops-alice");
const bob = newToken("sales-ops-bob");
const takes: string[] = [];
const notice: AdminSetupNotice = {
  email: "root@acme.test",
  token: "wspec_setup_x",
  expiresAt: "2030-01-01T00:00:00Z",
};
/** Like operator/admin-setup: held for the requester, handed out once. */
const held = new Map<string, string>();

const refresh = async () => {
  const list = (await co.listClusterCustomObject({
    group: GROUP,
    version: VERSION,
    plural: TENANT_PLURAL,
    labelSelector: cluster.selector,
  })) as { items: Tenant[] };
  cache = list.items;
};

async function call(path: string, init: RequestInit = {}, who = alice.token, base = "http://console.test") {
  await refresh();
  return app.request(`${base}${path}`, {
    ...init,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${who}`, ...(init.headers ?? {}) },
  });
}
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below
const json = async (r: Response): Promise<any> => r.json();

const spec = () => ({
  displayName: "Elsewhere",
  tier: "starter" as const,
  cloud: "local" as const,
  complianceProfile: `eu-${cluster.runId}`,
  admins: ["root@elsewhere.test"],
});

beforeAll(async () => {
  cluster = testCluster(await loadLocalEnv());
  co = cluster.kc.makeApiClient(k8s.CustomObjectsApi);
  consoleNs = await cluster.namespace("console");
  otherNs = await cluster.namespace("other");
  await cluster.profile("eu", { frameworks: ["GDPR"], allowedRegions: { local: ["*"] } });
  profile = (await co.getClusterCustomObject({
    group: GROUP,
    version: VERSION,
    plural: PROFILE_PLURAL,
    name: `eu-${cluster.runId}`,
  })) as ComplianceProfile;
  // Tenants the console did not create: one in another namespace, one applied into its own.
  await cluster.createTenant(otherNs, "foreign", spec());
  await cluster.createTenant(consoleNs, "kubectl-applied", spec());
  app = new Hono();
  registerConsole(app, {
    kc: cluster.kc,
    namespace: consoleNs,
    labels: cluster.label,
    tokens: tokenVerifier([alice.entry, bob.entry]),
    tenants: () => cache,
    profile: (name) => (name === profile.metadata?.name ? profile : undefined),
    profileNames: () => [profile.metadata?.name ?? ""],
    onTenantChange: () => () => {},
    adminSetup: {
      take(namespace, name, requester) {
        takes.push(`${namespace}/${name} by ${requester}`);
        const key = `${namespace}/${name}`;
        if (held.get(key) !== requester) return undefined;
        held.delete(key);
        return [notice];
      },
    },
  });
}, 60_000);
afterAll(async () => {
  await cluster?.cleanup();
});

describe("the console reaches only its own tenants", () => {
  it("creates in its namespace, labelled as its own and annotated with the requester", async () => {
    const r = await call("/api/tenants", {
      method: "POST",
      body: JSON.stringify({
        company: "Acme",
        plan: "starter",
        cloud: "local",
        complianceProfile: `eu-${cluster.runId}`,
        adminEmail: "root@acme.test",
      }),
    });
    expect(r.status).toBe(201);
    const created = await cluster.getTenant(consoleNs, "acme");
    expect(created?.metadata.labels?.["app.kubernetes.io/created-by"]).toBe("wspec-console");
    expect(created?.metadata.annotations?.["wspec.io/requested-by"]).toBe("sales-ops-alice");
  });

  it("lists and streams only its own tenants", async () => {
    const listed = (await json(await call("/api/tenants"))).data.map(
      (t: Tenant & { name: string }) => t.name,
    );
    expect(listed).toEqual(["acme"]);
    const stream = await call("/api/tenants/stream");
    const reader = stream.body?.getReader();
    let text = "";
    while (reader && !text.includes("\n\n")) text += new TextDecoder().decode((await reader.read()).value);
    await reader?.cancel();
    expect(text).toMatch(/^event: snapshot\n/);
    expect(text).toContain('"name":"acme"');
    expect(text).not.toMatch(/foreign|kubectl-applied/);
  });

  it("answers 404 for any other tenant, for reads and deletes, and deletes nothing", async () => {
    for (const [ns, name] of [
      [otherNs, "foreign"],
      [consoleNs, "kubectl-applied"],
    ] as const) {
      const read = await call(`/api/tenants/${ns}/${name}`);
      expect([read.status, (await json(read)).error.message]).toEqual([
        404,
        `tenant ${ns}/${name} not found`,
      ]);
      const del = await call(`/api/tenants/${ns}/${name}?confirm=${name}`, { method: "DELETE" });
      expect([del.status, (await json(del)).error.code]).toEqual([404, "NOT_FOUND"]);
      expect((await cluster.getTenant(ns, name))?.metadata.deletionTimestamp).toBeUndefined();
    }
    expect((await call(`/api/tenants/${consoleNs}/acme`)).status).toBe(200);
  });

  it("shows setup tokens once, to the requester only", async () => {
    held.set(`${consoleNs}/acme`, "sales-ops-alice");
    takes.length = 0;
    expect(
      (await json(await call(`/api/tenants/${consoleNs}/acme`, {}, bob.token))).data.adminSetup,
    ).toBeUndefined();
    expect((await json(await call(`/api/tenants/${consoleNs}/acme`))).data.adminSetup).toEqual([notice]);
    expect((await json(await call(`/api/tenants/${consoleNs}/acme`))).data.adminSetup).toBeUndefined();
    // Another namespace's tenant never even asks for them.
    await call(`/api/tenants/${otherNs}/foreign`);
    expect(takes).toEqual([
      `${consoleNs}/acme by sales-ops-bob`,
      `${consoleNs}/acme by sales-ops-alice`,
      `${consoleNs}/acme by sales-ops-alice`,
    ]);
  });

  it("deletes its own tenant", async () => {
    expect((await call(`/api/tenants/${consoleNs}/acme?confirm=acme`, { method: "DELETE" })).status).toBe(
      202,
    );
  });
});

describe("the session cookie", () => {
  const signIn = (base: string) =>
    app.request(`${base}/api/session`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: alice.token }),
    });

  it("is Secure when the console is served over TLS", async () => {
    const cookie = (await signIn("https://console.test")).headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^wspec_console=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
  });

  it("is not Secure over plain HTTP (a browser would drop it on http://127.0.0.1)", async () => {
    expect((await signIn("http://127.0.0.1:8080")).headers.get("set-cookie")).not.toMatch(/Secure/);
  });

  it("is Secure over plain HTTP when told so (behind a proxy that terminates TLS)", async () => {
    const proxied = new Hono();
    registerConsole(proxied, {
      kc: cluster.kc,
      namespace: consoleNs,
      tokens: tokenVerifier([alice.entry]),
      tenants: () => [],
      profile: () => undefined,
      profileNames: () => [],
      onTenantChange: () => () => {},
      secureCookie: true,
    });
    const r = await proxied.request("http://10.0.0.5:8080/api/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: alice.token }),
    });
    expect(r.headers.get("set-cookie")).toMatch(/; Secure/);
  });
});
