// The sales-ops console for real: the control-plane API in the operator process against the local
// cluster, and the page in headless Chromium (Debian's package, driven by playwright-core).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLocalEnv } from "../../scripts/env/index.ts";
import { type TestCluster, testCluster } from "../testing/cluster.ts";
import { type OperatorProcess, startOperator } from "../testing/operator-process.ts";
import { newToken } from "./console-tokens.ts";

let cluster: TestCluster;
let operator: OperatorProcess;
let browser: Browser;
let namespace: string;
let base: string;
const { token, entry } = newToken("sales-ops-test");
const profile = () => `eu-${cluster.runId}`;

beforeAll(async () => {
  cluster = testCluster(await loadLocalEnv());
  namespace = await cluster.namespace("console");
  await cluster.profile("eu", {
    frameworks: ["GDPR"],
    allowedRegions: { aws: ["eu-*"], local: ["*"] },
    pii: "redact",
  });
  const dir = mkdtempSync(join(tmpdir(), "wspec-console-"));
  writeFileSync(join(dir, "tokens.json"), JSON.stringify({ tokens: [entry] }));
  operator = await startOperator({
    name: `console-${cluster.runId}`,
    tenantSelector: cluster.selector,
    pulumiProject: `wspec-test-console-${cluster.runId}`,
    logDir: dir,
    env: {
      WSPEC_CONSOLE_TOKENS_FILE: join(dir, "tokens.json"),
      WSPEC_CONSOLE_NAMESPACE: namespace,
      WSPEC_CONSOLE_TENANT_LABELS: cluster.selector,
    },
  });
  base = `http://127.0.0.1:${operator.port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  for (const name of ["acme-bank", "api-co"]) {
    await fetch(`${base}/api/tenants/${namespace}/${name}?confirm=${name}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${token}` },
    }).catch(() => {});
  }
  for (const name of ["acme-bank", "api-co"])
    await cluster.waitFor(namespace, name, "gone", (t) => t === undefined, 120_000).catch(() => {});
  await operator?.kill();
  await cluster?.cleanup();
});

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below
type Json = any;
const json = async (r: Response): Promise<Json> => r.json();
const api = (path: string, init: RequestInit = {}, auth = true) =>
  fetch(`${base}${path}`, {
    ...init,
    headers: {
      "Content-Type": "application/json",
      ...(auth ? { Authorization: `Bearer ${token}` } : {}),
      ...(init.headers ?? {}),
    },
  });

describe("control-plane API", () => {
  it("refuses requests without a sales-ops token", async () => {
    const r = await api("/api/tenants", {}, false);
    expect(r.status).toBe(401);
    expect((await json(r)).error.code).toBe("UNAUTHORIZED");
    expect(
      (await api("/api/tenants", { headers: { Authorization: "Bearer wspec_so_forged" } }, false)).status,
    ).toBe(401);
  });

  it("refuses at once, naming the field, what the operator would refuse; creates nothing", async () => {
    const r = await api("/api/tenants", {
      method: "POST",
      body: JSON.stringify({
        company: "Wrong Region",
        plan: "professional",
        cloud: "aws",
        region: "us-east-1",
        complianceProfile: profile(),
        adminEmail: "a@example.com",
      }),
    });
    expect(r.status).toBe(422);
    const body = await json(r);
    expect(body.error).toMatchObject({
      code: "PREFLIGHT_FAILED",
      details: [{ field: "region", reason: "RegionNotAllowed" }],
    });
    expect(await cluster.getTenant(namespace, "wrong-region")).toBeUndefined();

    const bad = await api("/api/tenants", { method: "POST", body: "{not json" });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details[0]).toMatchObject({ field: "request", reason: "MalformedJson" });
  });

  it("creates a Tenant that the operator provisions, lists it live, and deletes it only with confirmation", async () => {
    const r = await api("/api/tenants", {
      method: "POST",
      body: JSON.stringify({
        company: "API Co",
        plan: "starter",
        cloud: "local",
        complianceProfile: profile(),
        adminEmail: "ops@api.example",
      }),
    });
    expect(r.status).toBe(201);
    expect((await json(r)).data).toMatchObject({ namespace, name: "api-co", plan: "starter" });
    await cluster.waitFor(namespace, "api-co", "Ready", (t) => t?.status?.phase === "Ready", 120_000);
    const listed = (await json(await api("/api/tenants"))).data.find(
      (t: { name: string }) => t.name === "api-co",
    );
    expect(listed).toMatchObject({
      phase: "Ready",
      ready: "True",
      outputs: { namespace: expect.any(String) },
    });
    expect(JSON.stringify(listed)).not.toMatch(/password/i);

    const dup = await api("/api/tenants", {
      method: "POST",
      body: JSON.stringify({
        company: "API Co",
        plan: "starter",
        cloud: "local",
        complianceProfile: profile(),
        adminEmail: "ops@api.example",
      }),
    });
    expect(dup.status).toBe(409);

    const unconfirmed = await api(`/api/tenants/${namespace}/api-co?confirm=nope`, { method: "DELETE" });
    expect(unconfirmed.status).toBe(400);
    expect((await json(unconfirmed)).error.code).toBe("CONFIRMATION_REQUIRED");
    expect((await api(`/api/tenants/${namespace}/api-co?confirm=api-co`, { method: "DELETE" })).status).toBe(
      202,
    );
  });
});

describe("console in Chromium", () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage();
    await page.goto(base);
    await page.getByLabel("Sales-ops token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "New tenant" }).waitFor();
  });

  it("shows a refused request's reason next to the field", async () => {
    await page.getByLabel("Company").fill("Wrong Place");
    await page.getByLabel("Plan").selectOption("professional");
    await page.getByLabel("Cloud").selectOption("aws");
    await page.getByLabel(/Region/).fill("us-east-1");
    await page.getByLabel("Compliance profile").selectOption(profile());
    await page.getByLabel("Admin email").fill("a@example.com");
    await page.getByRole("button", { name: "Create tenant" }).click();
    const error = page.locator("#region-error");
    await expect.poll(() => error.textContent()).toMatch(/us-east-1.*not allowed|not in/);
    expect(await page.getByLabel(/Region/).getAttribute("aria-invalid")).toBe("true");
  });

  it("creates a tenant through the form and watches it reach Ready in the list", async () => {
    await page.reload();
    await page.getByLabel("Company").fill("Acme Bank");
    await page.getByLabel("Plan").selectOption("starter");
    await page.getByLabel("Cloud").selectOption("local");
    await page.getByLabel("Compliance profile").selectOption(profile());
    // Keyboard only from here: Tab into the email field, type, submit with Enter.
    await page.getByLabel("Compliance profile").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.type("it@acme-bank.example");
    await page.keyboard.press("Enter");
    const row = page.locator(`tr[data-tenant="${namespace}/acme-bank"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.locator(".phase-Ready").waitFor({ timeout: 120_000 });
    await row.getByRole("button", { name: "Open Acme Bank" }).click();
    await expect.poll(() => page.locator("#detail-fields").textContent()).toMatch(/namespace.*tenant-/);
  });
});
