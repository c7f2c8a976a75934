// A tenant's place in PostgreSQL, as one dynamic resource: its LOGIN role (random password, no
// superuser/createdb/createrole/replication/bypassrls), and its database (enterprise) or schema
// (professional) or its membership of the shared schema (starter). Role, database and schema are
// created together under one advisory lock because pooled tenants GRANT on the same database row,
// and concurrent GRANTs on one object fail with "tuple concurrently updated".
//
// Pulumi serializes the provider's functions into the state and runs them in a separate process:
// they capture nothing imported except the import-free helpers of ./sql.ts, load builtins through
// process.getBuiltinModule and npm packages through createRequire from the working directory.
import * as pulumi from "@pulumi/pulumi";
import type Postgres from "postgres";
import { credentialInputs, credentialLifecycle, credentialOptions } from "./credential.ts";
import type { TenantNames, Tier } from "./naming.ts";
import { databaseUrl, quoteIdent, quoteLiteral } from "./sql.ts";

export interface PostgresTenantArgs {
  /** Superuser URL; kept as a secret in the state (delete needs it). */
  readonly adminUrl: pulumi.Input<string>;
  readonly tier: pulumi.Input<Tier>;
  readonly database: pulumi.Input<string>;
  readonly schema: pulumi.Input<string>;
  readonly role: pulumi.Input<string>;
  readonly dedicatedDatabase: pulumi.Input<boolean>;
  readonly dedicatedSchema: pulumi.Input<boolean>;
  /** A NOLOGIN group that holds USAGE on a shared schema; the role joins it (starter). */
  readonly sharedGroup?: pulumi.Input<string>;
}

/** The args for a tenant's role and schema as tenantNames lays them out, on any target. */
export function postgresTenantArgs(
  adminUrl: pulumi.Input<string>,
  tier: Tier,
  names: TenantNames,
): PostgresTenantArgs {
  return {
    adminUrl,
    tier,
    database: names.database,
    schema: names.schema,
    role: names.role,
    dedicatedDatabase: names.dedicatedDatabase,
    dedicatedSchema: names.dedicatedSchema,
    ...(names.sharedGroup ? { sharedGroup: names.sharedGroup } : {}),
  };
}

interface PgInputs {
  adminUrl: string;
  tier: Tier;
  database: string;
  schema: string;
  role: string;
  dedicatedDatabase: boolean;
  dedicatedSchema: boolean;
  sharedGroup?: string;
}

interface PgOutputs extends PgInputs {
  password: string;
  /** What read found wrong with the role (e.g. "SUPERUSER"); a non-empty list makes an update. */
  drift: string[];
}

/** pg_advisory_lock key shared by every tenant operation on a server (an arbitrary constant). */
const LOCK_KEY = 0x77737065;

/** Properties whose change means a different role, database or schema: replace, deleting first. */
const REPLACE_ON = [
  "tier",
  "database",
  "schema",
  "role",
  "dedicatedDatabase",
  "dedicatedSchema",
  "sharedGroup",
];

function connect(url: string): Postgres.Sql {
  const require = process.getBuiltinModule("node:module").createRequire(`${process.cwd()}/`);
  const postgres = require("postgres") as typeof Postgres;
  return postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 15, idle_timeout: 5 });
}

/** Runs `fn` on an admin connection holding the server-wide tenant lock (released when it ends). */
async function locked<T>(adminUrl: string, fn: (admin: Postgres.Sql) => Promise<T>): Promise<T> {
  const admin = connect(adminUrl);
  try {
    await admin.unsafe(`select pg_advisory_lock(${LOCK_KEY})`);
    return await fn(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function onDatabase<T>(adminUrl: string, database: string, fn: (sql: Postgres.Sql) => Promise<T>) {
  const sql = connect(databaseUrl(adminUrl, database));
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

const ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";

/**
 * Brings role, database and schema to the desired state, adopting whatever already exists (a run
 * that crashed after creating them but before recording them), and sets the role's password.
 */
async function ensureTenant(p: PgInputs, password: string): Promise<void> {
  const role = quoteIdent(p.role);
  const database = quoteIdent(p.database);
  const schema = quoteIdent(p.schema);
  const group = p.sharedGroup ? quoteIdent(p.sharedGroup) : undefined;
  await locked(p.adminUrl, async (admin) => {
    const roleExists = await admin`select 1 from pg_roles where rolname = ${p.role}`;
    const verb = roleExists.length > 0 ? "ALTER" : "CREATE";
    await admin.unsafe(`${verb} ROLE ${role} WITH ${ROLE_ATTRIBUTES} PASSWORD ${quoteLiteral(password)}`);
    // The runtime finds its tables without qualifying them.
    await admin.unsafe(`ALTER ROLE ${role} SET search_path TO ${schema}`);

    const dbExists = await admin`select 1 from pg_database where datname = ${p.database}`;
    if (dbExists.length === 0) await admin.unsafe(`CREATE DATABASE ${database}`);
    // PUBLIC may connect to a new database by default; only its tenants may.
    await admin.unsafe(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    const dbPrivileges = p.dedicatedDatabase ? "CONNECT, TEMPORARY" : "CONNECT";
    await admin.unsafe(`GRANT ${dbPrivileges} ON DATABASE ${database} TO ${role}`);

    if (group) {
      const groupExists = await admin`select 1 from pg_roles where rolname = ${p.sharedGroup ?? ""}`;
      if (groupExists.length === 0) await admin.unsafe(`CREATE ROLE ${group} NOLOGIN`);
      await admin.unsafe(`GRANT ${group} TO ${role}`);
    }

    await onDatabase(p.adminUrl, p.database, async (sql) => {
      // Owned by the admin, not the tenant: the role may create tables in it but not drop it.
      await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await sql.unsafe(`REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`);
      if (p.dedicatedSchema) await sql.unsafe(`GRANT USAGE, CREATE ON SCHEMA ${schema} TO ${role}`);
      else if (group) await sql.unsafe(`GRANT USAGE ON SCHEMA ${schema} TO ${group}`);
    });
  });
}

/** Drops what the tenant owns: its database or schema, then the role. Shared objects stay. */
async function dropTenant(p: PgInputs): Promise<void> {
  const role = quoteIdent(p.role);
  await locked(p.adminUrl, async (admin) => {
    const roleExists = (await admin`select 1 from pg_roles where rolname = ${p.role}`).length > 0;
    if (roleExists) {
      // No new sessions, then end the open ones: a session holding locks would block the drops.
      await admin.unsafe(`ALTER ROLE ${role} NOLOGIN`);
      await admin`select pg_terminate_backend(pid) from pg_stat_activity
        where usename = ${p.role} and pid <> pg_backend_pid()`;
    }
    const dbExists = (await admin`select 1 from pg_database where datname = ${p.database}`).length > 0;
    if (p.dedicatedDatabase) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(p.database)} WITH (FORCE)`);
    } else if (dbExists) {
      await onDatabase(p.adminUrl, p.database, async (sql) => {
        if (p.dedicatedSchema) await sql.unsafe(`DROP SCHEMA IF EXISTS ${quoteIdent(p.schema)} CASCADE`);
        // Revokes the role's grants in the pool database (and drops anything it still owns there).
        if (roleExists) await sql.unsafe(`DROP OWNED BY ${role}`);
      });
    }
    if (roleExists) {
      await admin.unsafe(`DROP OWNED BY ${role}`);
      await admin.unsafe(`DROP ROLE IF EXISTS ${role}`);
    }
  });
}

/** What exists of the tenant: undefined when any part is missing (the next `up` recreates it). */
async function inspectTenant(p: PgInputs): Promise<{ drift: string[] } | undefined> {
  const admin = connect(p.adminUrl);
  try {
    const [r] = await admin<
      {
        super: boolean;
        createdb: boolean;
        createrole: boolean;
        repl: boolean;
        bypass: boolean;
        login: boolean;
      }[]
    >`select rolsuper as super, rolcreatedb as createdb, rolcreaterole as createrole,
        rolreplication as repl, rolbypassrls as bypass, rolcanlogin as login
      from pg_roles where rolname = ${p.role}`;
    if (!r) return undefined;
    const db = await admin`select 1 from pg_database where datname = ${p.database}`;
    if (db.length === 0) return undefined;
    const schema = await onDatabase(
      p.adminUrl,
      p.database,
      (sql) => sql`select 1 from pg_namespace where nspname = ${p.schema}`,
    );
    if (schema.length === 0) return undefined;
    const drift: string[] = [];
    if (r.super) drift.push("SUPERUSER");
    if (r.createdb) drift.push("CREATEDB");
    if (r.createrole) drift.push("CREATEROLE");
    if (r.repl) drift.push("REPLICATION");
    if (r.bypass) drift.push("BYPASSRLS");
    if (!r.login) drift.push("NOLOGIN");
    return { drift };
  } finally {
    await admin.end({ timeout: 5 });
  }
}

function serverOf(url: string): string {
  return new URL(url).host;
}

const provider: pulumi.dynamic.ResourceProvider<PgInputs, PgOutputs> = {
  ...credentialLifecycle<PgInputs>(ensureTenant, (inputs) => inputs.role),
  async read(id, props) {
    if (!props) return { id, props };
    const found = await inspectTenant(props);
    return found ? { id, props: { ...props, drift: found.drift } } : { id: "", props: {} as PgOutputs };
  },
  async diff(_id, olds, news) {
    const replaces = REPLACE_ON.filter(
      (k) => JSON.stringify(olds[k as keyof PgInputs]) !== JSON.stringify(news[k as keyof PgInputs]),
    );
    // Another server is another tenant: delete it there, create it here.
    if (serverOf(olds.adminUrl) !== serverOf(news.adminUrl)) replaces.push("adminUrl");
    const changes = replaces.length > 0 || olds.adminUrl !== news.adminUrl || (olds.drift?.length ?? 0) > 0;
    return { changes, replaces, deleteBeforeReplace: true };
  },
  async delete(_id, props) {
    await dropTenant(props);
  },
};

/** The tenant's role plus its database (enterprise) or schema (professional, starter). */
export class PostgresTenant extends pulumi.dynamic.Resource {
  declare public readonly role: pulumi.Output<string>;
  declare public readonly database: pulumi.Output<string>;
  declare public readonly schema: pulumi.Output<string>;
  /** Generated on create, kept across updates; a secret in the state and in every output. */
  declare public readonly password: pulumi.Output<string>;

  constructor(name: string, args: PostgresTenantArgs, opts: pulumi.CustomResourceOptions = {}) {
    super(provider, name, credentialInputs(args), credentialOptions(opts), "local", "PostgresTenant");
  }
}
