// Test support (imported by *.int.test.ts only): a fresh database with two tenants, a user of
// every role and an API key in each, access tokens, a real storage driver, and the app with the
// document routes, plus helpers to call it and to count what was stored.
import pino from "pino";
import { type App, createApp } from "../../app/index.ts";
import { ApiKeyService } from "../../auth/api-key.ts";
import { type Permission, ROLES, type Role } from "../../auth/rbac.ts";
import { authenticateRequests } from "../../auth/routes/index.ts";
import { TenantsApiKeyStore } from "../../auth/stores/index.ts";
import { type AuthFixture, authFixture, testAccessTokens } from "../../auth/stores/testing.ts";
import type { StorageDriver } from "../../storage/index.ts";
import { type DriverKind, listKeys, type TestDriver, testDriver } from "../../storage/testing/drivers.ts";
import type { DocumentRouteDeps } from "../deps.ts";
import { registerDocumentRoutes } from "../routes/index.ts";

export const TENANTS = ["north", "south"] as const;
export type TenantSlug = (typeof TENANTS)[number];

export interface Caller {
  tenant: TenantSlug;
  tenantId: string;
  role: Role;
  /** User id (or API key id for `apiKey`). */
  id: string;
  /** Authorization header value. */
  headers: Record<string, string>;
}

export interface DocumentHarness {
  fx: AuthFixture;
  app: App;
  driver: StorageDriver;
  deps: DocumentRouteDeps;
  /** One user of each role in each tenant. */
  users: Record<TenantSlug, Record<Role, Caller>>;
  /** An API key (tenant-admin's, scopes documents:read + documents:write) in each tenant. */
  apiKeys: Record<TenantSlug, Caller>;
  /** Another user of the tenant with that role (users of one role that must not see each other's). */
  addUser(tenant: TenantSlug, role: Role, email?: string): Promise<Caller>;
  /** Calls the app; JSON bodies are serialized, anything else is sent as is. */
  call(
    method: string,
    path: string,
    who: Caller | undefined,
    opts?: { json?: unknown; body?: RequestInit["body"]; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Uploads `bytes` as multipart/form-data with extra fields. */
  uploadMultipart(
    who: Caller,
    bytes: Uint8Array,
    opts?: { filename?: string; type?: string; fields?: Record<string, string | string[]>; path?: string },
  ): Promise<Response>;
  /** Uploads `bytes` as a raw body with the given type and query. */
  uploadRaw(
    who: Caller,
    bytes: Uint8Array,
    type: string,
    query: Record<string, string>,
    path?: string,
  ): Promise<Response>;
  /** Rows in documents and document_versions (all tenants, as the admin) and objects in the driver. */
  counts(): Promise<{ documents: number; versions: number; objects: number }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  driver?: DriverKind;
  /** Wraps the real driver (to inject failures). */
  wrapDriver?: (driver: StorageDriver) => StorageDriver;
  /** More route registrations (categories, shares, search …), registered before the document routes. */
  routes?: (deps: DocumentRouteDeps) => ((app: App) => void)[];
  deps?: Partial<DocumentRouteDeps>;
  clock?: () => Date;
}

export async function documentHarness(opts: HarnessOptions = {}): Promise<DocumentHarness> {
  const fx = await authFixture(TENANTS);
  let target: TestDriver | undefined;
  try {
    target = await testDriver(opts.driver ?? "local");
    const real = target.driver;
    const driver = opts.wrapDriver ? opts.wrapDriver(real) : real;
    const accessTokens = await testAccessTokens();
    const apiKeyService = new ApiKeyService(
      new TenantsApiKeyStore(fx.dbs, () => fx.registry.list().map((l) => l.tenantId)),
    );
    const addUser = async (tenant: TenantSlug, role: Role, email = `${role}@${tenant}.test`) => {
      const id = await fx.addUser(tenant, { email, role });
      const token = await accessTokens.issue({ sub: id, tenant: fx.tenantId(tenant), role, scopes: ["*"] });
      return {
        tenant,
        tenantId: fx.tenantId(tenant),
        role,
        id,
        headers: { authorization: `Bearer ${token.token}` },
      };
    };
    const users = {} as Record<TenantSlug, Record<Role, Caller>>;
    const apiKeys = {} as Record<TenantSlug, Caller>;
    for (const tenant of TENANTS) {
      users[tenant] = {} as Record<Role, Caller>;
      for (const role of ROLES) users[tenant][role] = await addUser(tenant, role);
      const admin = users[tenant]["tenant-admin"];
      const scopes: Permission[] = ["documents:read", "documents:write"];
      const created = await apiKeyService.create({
        tenantId: fx.tenantId(tenant),
        tenantSlug: tenant,
        name: "harness",
        scopes,
        creator: { id: admin.id, role: "tenant-admin" },
      });
      if (!created.val) throw new Error(`api key not created: ${created.err.join("; ")}`);
      apiKeys[tenant] = {
        tenant,
        tenantId: fx.tenantId(tenant),
        role: "tenant-admin",
        id: created.val.record.id,
        headers: { "x-api-key": created.val.key },
      };
    }
    const deps: DocumentRouteDeps = { databases: fx.dbs, driver, ...opts.deps };
    const app = createApp({
      config: { apiVersion: "2.0.0" },
      logger: pino({ level: "silent" }),
      db: { ping: async () => {} },
      redis: { ping: async () => "PONG" },
      ...(opts.clock ? { clock: opts.clock } : {}),
      middleware: [authenticateRequests({ accessTokens, registry: fx.registry }, { apiKeys: apiKeyService })],
      routes: [...(opts.routes?.(deps) ?? []), registerDocumentRoutes(deps)],
    });
    const call: DocumentHarness["call"] = (method, path, who, o = {}) => {
      const headers: Record<string, string> = { ...(who?.headers ?? {}), ...(o.headers ?? {}) };
      let body = o.body;
      if (o.json !== undefined) {
        headers["content-type"] ??= "application/json";
        body = JSON.stringify(o.json);
      }
      return Promise.resolve(
        app.request(`/api/v2${path}`, {
          method,
          headers,
          ...(body !== undefined ? { body } : {}),
          // A stream body is sent chunked (no Content-Length), which fetch allows only half-duplex.
          ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
        } as RequestInit),
      );
    };
    const h: DocumentHarness = {
      fx,
      app,
      driver,
      deps,
      users,
      apiKeys,
      addUser,
      call,
      uploadMultipart(who, bytes, o = {}) {
        const form = new FormData();
        for (const [name, value] of Object.entries(o.fields ?? {})) {
          for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
        }
        form.append(
          "file",
          new Blob([bytes as Uint8Array<ArrayBuffer>], { type: o.type ?? "text/plain" }),
          o.filename ?? "file.txt",
        );
        return call("POST", o.path ?? "/documents", who, { body: form });
      },
      uploadRaw(who, bytes, type, query, path = "/documents") {
        const qs = new URLSearchParams(query).toString();
        return call("POST", `${path}${qs ? `?${qs}` : ""}`, who, {
          body: bytes as Uint8Array<ArrayBuffer>,
          headers: { "content-type": type },
        });
      },
      async counts() {
        const [d] = await fx.admin<{ n: number }[]>`select count(*)::int as n from documents`;
        const [v] = await fx.admin<{ n: number }[]>`select count(*)::int as n from document_versions`;
        return {
          documents: d?.n ?? 0,
          versions: v?.n ?? 0,
          objects: (await listKeys(real)).length,
        };
      },
      async close() {
        await fx.close();
        await target?.cleanup();
      },
    };
    return h;
  } catch (err) {
    await fx.close();
    await target?.cleanup();
    throw err;
  }
}

export { DRIVER_KINDS, type DriverKind, listKeys, testDriver } from "../../storage/testing/drivers.ts";
