// Connection pools per tenant placement, bounded per tenant and in total, with idle eviction.
//
// Numbers (defaults, all configurable; see runtime/app/config.ts):
// - a pool per distinct connection target (host, port, database, user, schema): tenants that share
//   a target (the shared starter pool with the runtime's credentials) share one pool;
// - each pool opens at most `maxPerPool` = 10 connections (postgres-js `max`);
// - the pools' `max` together never exceed `maxTotal` = 50: a new pool is admitted only if its
//   10 fit, evicting least-recently-used idle pools first (otherwise 503: PoolBusyError);
// - one tenant runs at most `maxPerTenant` = 5 transactions at once, even in a shared pool, so a
//   busy tenant cannot take every connection of its neighbours; waiting is bounded by
//   `acquireTimeoutMs` = 5000;
// - a pool unused for `idleMs` = 300 s is closed; its connections close after 30 s idle anyway.
import { Semaphore, SemaphoreTimeoutError } from "../../lib/semaphore/index.ts";
import { connectDatabase, type Database, type DatabaseHandle, type TenantTx, withTenant } from "./client.ts";
import { tenants } from "./schema/index.ts";
import type { TenantLocation, TenantRegistry } from "./tenant-registry.ts";

export interface TenantDatabasesOptions {
  registry: TenantRegistry;
  /** @default 10 */
  maxPerPool?: number;
  /** @default 5 */
  maxPerTenant?: number;
  /** @default 50 */
  maxTotal?: number;
  /** @default 300_000 */
  idleMs?: number;
  /** @default 5_000 */
  acquireTimeoutMs?: number;
  /** Opens a pool (tests inject a counter). @default connectDatabase */
  connect?: (location: TenantLocation, max: number) => DatabaseHandle;
  /** @default Date.now */
  now?: () => number;
}

interface Pool {
  key: string;
  handle: DatabaseHandle;
  max: number;
  active: number;
  lastUsed: number;
}

/** No connection to be had in time: the tenant's transaction slots or the connection budget are taken (503). */
export class PoolBusyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PoolBusyError";
  }
}

export class UnknownTenantError extends Error {
  constructor(tenantId: string) {
    super(`tenant ${tenantId} is not registered`);
    this.name = "UnknownTenantError";
  }
}

export class TenantDatabases {
  readonly #registry: TenantRegistry;
  readonly #maxPerPool: number;
  readonly #maxPerTenant: number;
  readonly #maxTotal: number;
  readonly #idleMs: number;
  readonly #acquireTimeoutMs: number;
  readonly #connect: (location: TenantLocation, max: number) => DatabaseHandle;
  readonly #now: () => number;
  readonly #pools = new Map<string, Pool>();
  readonly #tenantSlots = new Map<string, Semaphore>();
  /** Transactions that waited for a tenant slot, and for how long in all (metrics). */
  #waits = 0;
  #waitSeconds = 0;
  #sweeper: NodeJS.Timeout | undefined;

  constructor(opts: TenantDatabasesOptions) {
    this.#registry = opts.registry;
    this.#maxPerPool = opts.maxPerPool ?? 10;
    this.#maxPerTenant = opts.maxPerTenant ?? 5;
    this.#maxTotal = opts.maxTotal ?? 50;
    this.#idleMs = opts.idleMs ?? 300_000;
    this.#acquireTimeoutMs = opts.acquireTimeoutMs ?? 5_000;
    this.#connect = opts.connect ?? defaultConnect;
    this.#now = opts.now ?? Date.now;
    if (this.#maxPerPool > this.#maxTotal) {
      throw new Error(`maxPerPool (${this.#maxPerPool}) exceeds maxTotal (${this.#maxTotal})`);
    }
    this.#sweeper = setInterval(() => void this.evictIdle(), Math.min(this.#idleMs, 60_000));
    this.#sweeper.unref();
  }

  /** Runs `fn` in a transaction of the tenant's database with its RLS tenant set. */
  async withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    const location = this.#registry.get(tenantId);
    if (!location) throw new UnknownTenantError(tenantId);
    return this.#run(location, fn);
  }

  async #run<T>(location: TenantLocation, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    const { tenantId } = location;
    let slots = this.#tenantSlots.get(tenantId);
    if (!slots) {
      slots = new Semaphore(this.#maxPerTenant);
      this.#tenantSlots.set(tenantId, slots);
    }
    const queued = slots.inUse >= slots.capacity ? performance.now() : undefined;
    const release = await slots
      .acquire({ timeoutMs: this.#acquireTimeoutMs, what: `tenant ${tenantId}` })
      .finally(() => {
        if (queued === undefined) return;
        this.#waits++;
        this.#waitSeconds += (performance.now() - queued) / 1000;
      })
      .catch((err: unknown) => {
        throw err instanceof SemaphoreTimeoutError ? new PoolBusyError(err.message, { cause: err }) : err;
      });
    const pool = await this.#pool(location);
    pool.active++;
    pool.lastUsed = this.#now();
    try {
      return await withTenant(pool.handle.db, tenantId, fn);
    } finally {
      pool.active--;
      pool.lastUsed = this.#now();
      release();
    }
  }

  /**
   * Creates (or updates the tier of) the tenant's own row in `tenants`, inside its RLS scope. Given
   * a location, it works before the tenant is registered, so a tenant can be published to the
   * registry only once its row exists (rows of other tables reference it).
   */
  async ensureTenantRow(tenant: string | TenantLocation, name?: string): Promise<void> {
    const location = typeof tenant === "string" ? this.#registry.get(tenant) : tenant;
    if (!location) throw new UnknownTenantError(tenant as string);
    await this.#run(location, async (tx) => {
      await tx
        .insert(tenants)
        .values({
          id: location.tenantId,
          slug: location.slug,
          name: name ?? location.slug,
          tier: location.tier,
        })
        .onConflictDoUpdate({ target: tenants.id, set: { tier: location.tier, updatedAt: new Date() } });
    });
  }

  /** The drizzle database of a tenant's placement, for callers that manage transactions themselves. */
  async database(tenantId: string): Promise<Database> {
    const location = this.#registry.get(tenantId);
    if (!location) throw new UnknownTenantError(tenantId);
    return (await this.#pool(location)).handle.db;
  }

  /**
   * Lets go of what a tenant held after it left the registry or changed placement or credentials:
   * closes its pool unless a registered tenant still connects through it with the same password
   * (running queries get 5 s to finish), and drops its transaction slots once it is gone.
   */
  async release(previous: TenantLocation): Promise<void> {
    if (!this.#registry.get(previous.tenantId)) this.#tenantSlots.delete(previous.tenantId);
    const key = poolKey(previous);
    const stillUsed = this.#registry
      .list()
      .some((l) => poolKey(l) === key && l.database.password === previous.database.password);
    const pool = this.#pools.get(key);
    if (pool && !stillUsed) await this.#close(pool);
  }

  stats(): {
    pools: number;
    budgeted: number;
    maxTotal: number;
    active: number;
    /** Transactions waiting for a tenant slot now. */
    waiting: number;
    /** Transactions that had to wait for a slot since start, and their waits in seconds. */
    waits: number;
    waitSeconds: number;
  } {
    let budgeted = 0;
    let active = 0;
    for (const p of this.#pools.values()) {
      budgeted += p.max;
      active += p.active;
    }
    let waiting = 0;
    for (const slots of this.#tenantSlots.values()) waiting += slots.waiting;
    return {
      pools: this.#pools.size,
      budgeted,
      maxTotal: this.#maxTotal,
      active,
      waiting,
      waits: this.#waits,
      waitSeconds: this.#waitSeconds,
    };
  }

  /** Closes pools unused for idleMs (all idle pools with `force`). */
  async evictIdle(force = false): Promise<number> {
    const cutoff = this.#now() - this.#idleMs;
    const idle = [...this.#pools.values()].filter((p) => p.active === 0 && (force || p.lastUsed <= cutoff));
    await Promise.all(idle.map((p) => this.#close(p)));
    return idle.length;
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#sweeper = undefined;
    await Promise.all([...this.#pools.values()].map((p) => this.#close(p)));
  }

  async #pool(location: TenantLocation): Promise<Pool> {
    const key = poolKey(location);
    const existing = this.#pools.get(key);
    if (existing) return existing;
    const budgeted = () => [...this.#pools.values()].reduce((n, p) => n + p.max, 0);
    if (budgeted() + this.#maxPerPool > this.#maxTotal) {
      const lru = [...this.#pools.values()]
        .filter((p) => p.active === 0)
        .sort((a, b) => a.lastUsed - b.lastUsed);
      for (const p of lru) {
        if (budgeted() + this.#maxPerPool <= this.#maxTotal) break;
        await this.#close(p);
      }
      if (budgeted() + this.#maxPerPool > this.#maxTotal) {
        throw new PoolBusyError(
          `connection budget of ${this.#maxTotal} is taken by ${this.#pools.size} busy pools; cannot open one for tenant ${location.tenantId}`,
        );
      }
      const raced = this.#pools.get(key);
      if (raced) return raced;
    }
    const pool: Pool = {
      key,
      handle: this.#connect(location, this.#maxPerPool),
      max: this.#maxPerPool,
      active: 0,
      lastUsed: this.#now(),
    };
    this.#pools.set(key, pool);
    return pool;
  }

  async #close(pool: Pool): Promise<void> {
    if (this.#pools.get(pool.key) !== pool) return;
    this.#pools.delete(pool.key);
    await pool.handle.close();
  }
}

function poolKey(l: TenantLocation): string {
  const d = l.database;
  return JSON.stringify([d.host, d.port, d.name, d.user, d.schema]);
}

function defaultConnect(location: TenantLocation, max: number): DatabaseHandle {
  const d = location.database;
  return connectDatabase(
    { host: d.host, port: d.port, database: d.name, username: d.user, password: d.password },
    { max, schema: d.schema },
  );
}
