// Applies what the tenant sources (Kubernetes Secrets, a mounted directory) report to the running
// runtime: registers, updates and unregisters tenants, migrates a placement the first time it is
// seen, creates the tenant's row and its first admins, and logs each change (never a secret).
// Changes run one at a time: migrations are serialized cluster-wide anyway, and a delete can never
// overtake the add it follows.
import type { AdminSetupEntry } from "../../lib/tenant-secrets/index.ts";
import type { TenantDatabases } from "../db/tenant-databases.ts";
import type { TenantLocation, TenantRegistry } from "../db/tenant-registry.ts";
import { ensureAdminUsers } from "./admin-users.ts";
import type { SetupTokens } from "./setup-tokens.ts";

/** What a change reports to the log: no password, no token. */
export interface TenantLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface TenantSyncDeps {
  registry: TenantRegistry;
  databases: Pick<TenantDatabases, "ensureTenantRow" | "release" | "withTenant">;
  setupTokens: SetupTokens;
  logger: TenantLog;
  /** Migrates a placement (runtime/db migrateTenant with the admin URL); absent: no migrations. */
  migrate?: (location: TenantLocation) => Promise<{ applied: number; total: number }>;
}

export class TenantSync {
  readonly #deps: TenantSyncDeps;
  /** source (e.g. `kubernetes:ns/name`) → slug it registered: a delete names only its source. */
  readonly #owners = new Map<string, string>();
  /** slug → the admins its setup source published. */
  readonly #admins = new Map<string, { source: string; entries: readonly AdminSetupEntry[] }>();
  readonly #migrated = new Set<string>();
  #queue: Promise<void> = Promise.resolve();

  constructor(deps: TenantSyncDeps) {
    this.#deps = deps;
  }

  /** Resolves once every change reported so far is applied. */
  idle(): Promise<void> {
    return this.#queue;
  }

  upsert(source: string, location: TenantLocation): Promise<void> {
    return this.#enqueue(() => this.#upsert(source, location), { tenant: location.slug, source });
  }

  remove(source: string): Promise<void> {
    return this.#enqueue(() => this.#remove(source), { source });
  }

  setAdmins(source: string, slug: string, entries: readonly AdminSetupEntry[]): Promise<void> {
    return this.#enqueue(() => this.#setAdmins(source, slug, entries), { tenant: slug, source });
  }

  removeAdmins(source: string): Promise<void> {
    return this.#enqueue(
      async () => {
        for (const [slug, a] of this.#admins) {
          if (a.source !== source) continue;
          this.#admins.delete(slug);
          const location = this.#deps.registry.getBySlug(slug);
          if (location) this.#deps.setupTokens.delete(location.tenantId);
          this.#deps.logger.info({ tenant: slug, source }, "tenant admin setup withdrawn");
        }
      },
      { source },
    );
  }

  /** The sources currently owning a tenant (the directory source diffs against them). */
  sources(prefix: string): string[] {
    return [...this.#owners.keys()].filter((s) => s.startsWith(prefix));
  }

  /** The sources currently publishing admin setups. */
  adminSources(prefix: string): string[] {
    return [...new Set([...this.#admins.values()].map((a) => a.source))].filter((s) => s.startsWith(prefix));
  }

  /** A failed change is logged and skipped; the source's next resync or change retries it. */
  #enqueue(fn: () => Promise<void>, context: Record<string, string>): Promise<void> {
    const run = this.#queue.then(fn).catch((err: unknown) => {
      this.#deps.logger.error({ ...context, err }, "tenant change failed; retried on the next resync");
    });
    this.#queue = run;
    return run;
  }

  async #upsert(source: string, location: TenantLocation): Promise<void> {
    const { registry, logger } = this.#deps;
    const slug = location.slug;
    const owner = [...this.#owners].find(([, s]) => s === slug)?.[0];
    if (owner !== undefined && owner !== source) {
      // Two Secrets naming one tenant: the first keeps it, so a stray copy cannot redirect its data.
      logger.error(
        { tenant: slug, source, owner },
        "tenant Secret ignored: the tenant is served from another Secret",
      );
      return;
    }
    const previousSlug = this.#owners.get(source);
    if (previousSlug !== undefined && previousSlug !== slug) await this.#remove(source);

    const previous = registry.getBySlug(slug);
    const changed = previous ? changedFields(previous, location) : [];
    if (previous && changed.length === 0) {
      this.#owners.set(source, slug); // e.g. registered at start-up from the same Secret
      return;
    }
    const target = placementKey(location);
    if (this.#deps.migrate && !this.#migrated.has(target)) {
      const result = await this.#deps.migrate(location);
      this.#migrated.add(target);
      logger.info({ tenant: slug, placement: location.placement, ...result }, "tenant migrations applied");
    }
    // The row first: once registered, requests may write rows that reference it (a first admin's
    // setup can arrive before the admins below are created).
    await this.#deps.databases.ensureTenantRow(location);
    registry.register(location);
    this.#owners.set(source, slug);
    if (previous) await this.#deps.databases.release(previous);
    logger.info(
      {
        tenant: slug,
        tier: location.tier,
        placement: location.placement,
        source,
        ...(previous ? { changed } : {}),
      },
      previous ? "tenant updated" : "tenant registered",
    );
    const admins = this.#admins.get(slug);
    if (admins) await this.#provisionAdmins(location, admins.entries);
  }

  async #remove(source: string): Promise<void> {
    const slug = this.#owners.get(source);
    if (slug === undefined) return;
    this.#owners.delete(source);
    const location = this.#deps.registry.getBySlug(slug);
    if (!location) return;
    this.#deps.registry.remove(location.tenantId);
    this.#deps.setupTokens.delete(location.tenantId);
    await this.#deps.databases.release(location);
    this.#deps.logger.info({ tenant: slug, source }, "tenant unregistered");
  }

  async #setAdmins(source: string, slug: string, entries: readonly AdminSetupEntry[]): Promise<void> {
    const known = this.#admins.get(slug);
    if (known?.source === source && JSON.stringify(known.entries) === JSON.stringify(entries)) return; // a resync
    this.#admins.set(slug, { source, entries });
    const location = this.#deps.registry.getBySlug(slug);
    // The connection Secret may come second: registering the tenant provisions its admins then.
    if (location) await this.#provisionAdmins(location, entries);
  }

  async #provisionAdmins(location: TenantLocation, entries: readonly AdminSetupEntry[]): Promise<void> {
    const created = await ensureAdminUsers(
      this.#deps.databases,
      location.tenantId,
      entries.map((e) => e.email),
    );
    // Only now: a token that works finds its tenant's row and its account in place.
    this.#deps.setupTokens.set(location.tenantId, entries);
    if (created.length > 0) {
      this.#deps.logger.info(
        { tenant: location.slug, admins: created, role: "tenant-admin" },
        "tenant admins created; each signs in after POST /api/v2/auth/setup with the token the operator printed",
      );
    }
  }
}

/** Where a placement's tables live: tenants sharing it share one migration run. */
function placementKey(l: TenantLocation): string {
  return JSON.stringify([l.database.host, l.database.port, l.database.name, l.database.schema]);
}

/** Names of what changed, for the log: `database.password`, never its value. */
function changedFields(a: TenantLocation, b: TenantLocation): string[] {
  const flat = (l: TenantLocation): Record<string, unknown> => ({
    tier: l.tier,
    placement: l.placement,
    ...Object.fromEntries(Object.entries(l.database).map(([k, v]) => [`database.${k}`, v])),
    "redis.url": l.redis.url,
    "redis.keyPrefix": l.redis.keyPrefix,
    storagePath: l.storagePath,
  });
  const fa = flat(a);
  const fb = flat(b);
  return Object.keys({ ...fa, ...fb }).filter((k) => fa[k] !== fb[k]);
}
