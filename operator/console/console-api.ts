// The control-plane API and console for sales ops, served by the operator process. Kubernetes stays
// the source of truth: the API creates and reads Tenant objects, validated up front by the same
// rules as the CRD and the profile preflight, so a request that would fail is refused at once.
//
// The operator sees every tenant of the cluster; sales ops see only the console's: tenants in its
// own namespace that it created (label app.kubernetes.io/created-by=wspec-console). Any other
// tenant answers 404 on every route, as if it did not exist. A tenant's admin setup tokens go once
// to the sales-ops user who created it (annotation wspec.io/requested-by), to nobody else.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import type { Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { streamSSE } from "hono/streaming";
import {
  API_VERSION,
  CLOUDS,
  type ComplianceProfile,
  GROUP,
  TENANT_PLURAL,
  type Tenant,
  TIERS,
  VERSION,
} from "../../crds/index.ts";
import { type AdminSetupNotice, REQUESTED_BY_ANNOTATION } from "../admin-setup/index.ts";
import type { TokenVerifier } from "./console-tokens.ts";
import { decide, type FieldProblem } from "./tenant-request.ts";

export interface ConsoleDeps {
  readonly kc: k8s.KubeConfig;
  /** Where tenants created through the console live. */
  readonly namespace: string;
  /** Labels for the tenants it creates (an operator's selector must match them). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly tokens: TokenVerifier | undefined;
  readonly tenants: () => readonly Tenant[];
  readonly profile: (name: string) => ComplianceProfile | undefined;
  readonly profileNames: () => string[];
  readonly onTenantChange: (l: (t: Tenant, event: string) => void) => () => void;
  /** The admins' clear setup tokens, handed out once to the requester (operator/admin-setup). */
  readonly adminSetup?: {
    take(namespace: string, name: string, requester: string): AdminSetupNotice[] | undefined;
  };
  /**
   * Marks the session cookie `Secure`. Default: when the request arrived over TLS (https URL);
   * set it behind a proxy that terminates TLS.
   */
  readonly secureCookie?: boolean;
}

const CREATED_BY = { "app.kubernetes.io/created-by": "wspec-console" } as const;

const COOKIE = "wspec_console";
const STATIC = join(import.meta.dirname, "static");

type ErrorCode =
  | "UNAUTHORIZED"
  | "VALIDATION_FAILED"
  | "PREFLIGHT_FAILED"
  | "CONFLICT"
  | "NOT_FOUND"
  | "CONFIRMATION_REQUIRED"
  | "NOT_CONFIGURED";
const fail = (
  c: Context,
  status: 400 | 401 | 404 | 409 | 422 | 503,
  code: ErrorCode,
  message: string,
  details: FieldProblem[] = [],
) => c.json({ error: { code, message, details } }, status);

/** What the list and the detail page show: never a secret (status holds none). */
export function summary(t: Tenant) {
  const ready = t.status?.conditions?.find((c) => c.type === "Ready");
  return {
    namespace: t.metadata.namespace ?? "",
    name: t.metadata.name ?? "",
    company: t.spec?.displayName ?? "",
    plan: t.spec?.tier,
    cloud: t.spec?.cloud,
    region: t.spec?.region ?? null,
    complianceProfile: t.spec?.complianceProfile,
    phase: t.status?.phase ?? "Pending",
    ready: ready?.status ?? "Unknown",
    reason: ready?.reason ?? null,
    message: ready?.message ?? t.status?.message ?? null,
    conditions: t.status?.conditions ?? [],
    outputs: t.status?.outputs ?? {},
    deleting: Boolean(t.metadata.deletionTimestamp),
    createdAt: t.metadata.creationTimestamp ?? null,
  };
}

/** A tenant the console may show and change: in its namespace and created by it. */
export function isConsoleTenant(t: Tenant, namespace: string): boolean {
  return (
    t.metadata.namespace === namespace &&
    t.metadata.labels?.["app.kubernetes.io/created-by"] === CREATED_BY["app.kubernetes.io/created-by"]
  );
}

export function registerConsole(app: Hono, deps: ConsoleDeps): void {
  const co = deps.kc.makeApiClient(k8s.CustomObjectsApi);
  const core = deps.kc.makeApiClient(k8s.CoreV1Api);
  const mine = (t: Tenant) => isConsoleTenant(t, deps.namespace);
  const tenants = () => deps.tenants().filter(mine);
  const find = (namespace: string, name: string) =>
    namespace === deps.namespace ? tenants().find((t) => t.metadata.name === name) : undefined;
  const notFound = (c: Context, namespace: string, name: string) =>
    fail(c, 404, "NOT_FOUND", `tenant ${namespace}/${name} not found`);
  /** The sales-ops user of this request (the middleware has let only known tokens through). */
  const requester = (c: Context) =>
    deps.tokens?.verify(c.req.header("Authorization")?.replace(/^Bearer\s+/i, "") ?? getCookie(c, COOKIE)) ??
    "";
  const asset = (file: string, type: string) => (c: Context) =>
    c.body(readFileSync(join(STATIC, file)), 200, { "Content-Type": type, "Cache-Control": "no-cache" });
  app.get("/", asset("index.html", "text/html; charset=utf-8"));
  app.get("/console.js", asset("console.js", "text/javascript; charset=utf-8"));
  app.get("/console.css", asset("console.css", "text/css; charset=utf-8"));

  app.use("/api/*", async (c, next) => {
    if (!deps.tokens)
      return fail(c, 503, "NOT_CONFIGURED", "the console has no tokens: set WSPEC_CONSOLE_TOKENS_FILE");
    if (c.req.path === "/api/session" && c.req.method === "POST") return next();
    const bearer = c.req.header("Authorization")?.replace(/^Bearer\s+/i, "");
    if (!deps.tokens.verify(bearer ?? getCookie(c, COOKIE))) {
      return fail(
        c,
        401,
        "UNAUTHORIZED",
        "a sales-ops token is required (Authorization: Bearer, or sign in to the console)",
      );
    }
    // A cookie-authenticated write must come from the console's own script (JSON), not a form post.
    if (!bearer && c.req.method !== "GET" && !c.req.header("Content-Type")?.startsWith("application/json")) {
      return fail(c, 400, "VALIDATION_FAILED", "writes must send Content-Type: application/json");
    }
    return next();
  });

  app.post("/api/session", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { token?: unknown };
    const token = typeof body.token === "string" ? body.token : undefined;
    if (!deps.tokens?.verify(token)) return fail(c, 401, "UNAUTHORIZED", "unknown token");
    setCookie(c, COOKIE, token ?? "", {
      httpOnly: true,
      sameSite: "Strict",
      path: "/",
      maxAge: 8 * 3600,
      secure: deps.secureCookie ?? new URL(c.req.url).protocol === "https:",
    });
    return c.body(null, 204);
  });

  app.get("/api/options", (c) =>
    c.json({
      data: {
        plans: TIERS,
        clouds: CLOUDS,
        complianceProfiles: deps.profileNames().sort(),
        namespace: deps.namespace,
      },
    }),
  );

  app.get("/api/tenants", (c) =>
    c.json({
      data: tenants()
        .map(summary)
        .sort((a, b) => a.name.localeCompare(b.name)),
    }),
  );

  app.get("/api/tenants/:namespace/:name", (c) => {
    const { namespace, name } = c.req.param();
    const t = find(namespace, name);
    if (!t) return notFound(c, namespace, name);
    // The first detail view by its requester after the tenant became Ready shows its admins' setup
    // tokens, once; anyone else never sees them.
    const adminSetup = deps.adminSetup?.take(namespace, name, requester(c));
    return c.json({ data: { ...summary(t), ...(adminSetup ? { adminSetup } : {}) } });
  });

  app.post("/api/tenants", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return fail(c, 400, "VALIDATION_FAILED", "the body is not valid JSON", [
        { field: "request", reason: "MalformedJson", message: "the body is not valid JSON" },
      ]);
    }
    const d = decide(body, { get: deps.profile, names: deps.profileNames });
    if (!d.ok) {
      const code = d.status === 400 ? "VALIDATION_FAILED" : "PREFLIGHT_FAILED";
      return fail(c, d.status, code, d.problems.map((p) => p.message).join("; "), d.problems);
    }
    await core.createNamespace({ body: { metadata: { name: deps.namespace } } }).catch(() => {});
    try {
      const created = (await co.createNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: TENANT_PLURAL,
        namespace: deps.namespace,
        body: {
          apiVersion: API_VERSION,
          kind: "Tenant",
          metadata: {
            name: d.name,
            labels: { ...deps.labels, ...CREATED_BY },
            annotations: { [REQUESTED_BY_ANNOTATION]: requester(c) },
          },
          spec: d.spec,
        },
      })) as Tenant;
      return c.json({ data: summary(created) }, 201);
    } catch (err) {
      if (err instanceof k8s.ApiException && err.code === 409) {
        return fail(c, 409, "CONFLICT", `a tenant named ${d.name} already exists in ${deps.namespace}`, [
          { field: "company", reason: "AlreadyExists", message: `a tenant named ${d.name} already exists` },
        ]);
      }
      if (err instanceof k8s.ApiException && err.code === 422) {
        return fail(
          c,
          422,
          "VALIDATION_FAILED",
          `the API server refused the tenant: ${JSON.parse(String(err.body)).message}`,
        );
      }
      throw err;
    }
  });

  app.delete("/api/tenants/:namespace/:name", async (c) => {
    const { namespace, name } = c.req.param();
    if (c.req.query("confirm") !== name) {
      return fail(
        c,
        400,
        "CONFIRMATION_REQUIRED",
        `deleting destroys the tenant's infrastructure: repeat its name as ?confirm=${name}`,
        [{ field: "request", reason: "ConfirmationRequired", message: `confirm must be "${name}"` }],
      );
    }
    // Read from the API, not the informer: a tenant created a moment ago is the console's too.
    let current: Tenant | undefined;
    if (namespace === deps.namespace) {
      try {
        current = (await co.getNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          plural: TENANT_PLURAL,
          namespace,
          name,
        })) as Tenant;
      } catch (err) {
        if (!(err instanceof k8s.ApiException && err.code === 404)) throw err;
      }
    }
    if (!current || !mine(current)) return notFound(c, namespace, name);
    try {
      await co.deleteNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: TENANT_PLURAL,
        namespace,
        name,
      });
    } catch (err) {
      if (err instanceof k8s.ApiException && err.code === 404)
        return fail(c, 404, "NOT_FOUND", `tenant ${namespace}/${name} not found`);
      throw err;
    }
    return c.json({ data: { namespace, name, deleting: true } }, 202);
  });

  // Live list: a snapshot, then each change as it is seen by the operator's informer.
  app.get("/api/tenants/stream", (c) =>
    streamSSE(c, async (stream) => {
      await stream.writeSSE({ event: "snapshot", data: JSON.stringify(tenants().map(summary)) });
      const queue: string[] = [];
      let wake: (() => void) | undefined;
      const off = deps.onTenantChange((t, event) => {
        if (event === "resync" || !mine(t)) return;
        queue.push(JSON.stringify({ event, tenant: summary(t) }));
        wake?.();
      });
      stream.onAbort(() => {
        off();
        wake?.();
      });
      while (!stream.aborted) {
        const next = queue.shift();
        if (next) {
          await stream.writeSSE({ event: "tenant", data: next });
          continue;
        }
        const timedOut = await new Promise<boolean>((r) => {
          wake = () => r(false);
          setTimeout(() => r(true), 15_000);
        });
        // Keeps proxies from closing an idle stream.
        if (timedOut && !stream.aborted) await stream.writeSSE({ event: "ping", data: "" });
      }
    }),
  );
}
