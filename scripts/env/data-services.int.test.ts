// PostgreSQL and Redis of the local environment answer, with the security they are set up with:
// password authentication over TCP, and Redis ACL users confined to a key prefix.
import { randomUUID } from "node:crypto";
import { connect } from "node:net";
import { Redis } from "ioredis";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { type LocalEnv, loadLocalEnv } from "./index.ts";

let env: LocalEnv;
beforeAll(async () => {
  env = await loadLocalEnv();
});

describe("PostgreSQL", () => {
  it("answers over TCP with the generated password, with row-level security available", async () => {
    const sql = postgres(env.postgres.url, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
      expect(Number(row?.v)).toBeGreaterThanOrEqual(150000);
      const schema = `t_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
      // Superusers bypass RLS whatever the table says: the app connects as a role that owns
      // nothing, and FORCE makes even the owner obey the policy, as checked here.
      await sql.unsafe(`create role ${schema}_owner nologin; create schema ${schema} authorization ${schema}_owner;
        set role ${schema}_owner;
        create table ${schema}.doc (tenant text, body text);
        alter table ${schema}.doc enable row level security; alter table ${schema}.doc force row level security;
        create policy by_tenant on ${schema}.doc using (tenant = current_setting('app.tenant', true));
        reset role;`);
      const asTenant = (tenant: string, query: string) =>
        sql.begin(async (tx) => {
          await tx.unsafe(`set local role ${schema}_owner`);
          await tx`select set_config('app.tenant', ${tenant}, true)`;
          return tx.unsafe(query);
        });
      await asTenant("a", `insert into ${schema}.doc values ('a', 'mine')`);
      expect(await asTenant("a", `select body from ${schema}.doc`)).toEqual([{ body: "mine" }]);
      expect(await asTenant("b", `select body from ${schema}.doc`)).toEqual([]);
      // Outside a transaction the tenant setting is gone (''), so nothing is visible.
      await expect(asTenant("", `select body from ${schema}.doc`)).resolves.toEqual([]);
      await sql.unsafe(`drop schema ${schema} cascade; drop role ${schema}_owner`);
    } finally {
      await sql.end();
    }
  });

  it("refuses a wrong password", async () => {
    const url = new URL(env.postgres.url);
    url.password = "wrong";
    const sql = postgres(url.toString(), { max: 1, connect_timeout: 5 });
    await expect(sql`select 1`).rejects.toThrow(/password authentication failed/);
    await sql.end();
  });
});

describe("Redis", () => {
  it("answers, and an ACL user is confined to its key prefix", async () => {
    const admin = new Redis(env.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await admin.connect();
    const user = `tenant-${randomUUID().slice(0, 8)}`;
    const password = randomUUID();
    try {
      expect(await admin.ping()).toBe("PONG");
      await admin.call(
        "ACL",
        "SETUSER",
        user,
        "on",
        `>${password}`,
        `~${user}:*`,
        "+@all",
        "-@dangerous",
        "+info",
      );
      const scoped = new Redis({
        host: env.redis.host,
        port: env.redis.port,
        username: user,
        password,
        maxRetriesPerRequest: 1,
      });
      try {
        await scoped.set(`${user}:doc`, "ok");
        expect(await scoped.get(`${user}:doc`)).toBe("ok");
        await expect(scoped.set("other-tenant:doc", "x")).rejects.toThrow(/NOPERM/);
        await expect(scoped.flushall()).rejects.toThrow(/NOPERM/);
      } finally {
        scoped.disconnect();
      }
      // A client that does not authenticate is refused (raw RESP: no client library retries).
      const reply = await new Promise<string>((resolve, reject) => {
        const sock = connect(env.redis.port, env.redis.host, () => sock.write("GET x\r\n"));
        sock.once("data", (d) => {
          resolve(d.toString());
          sock.destroy();
        });
        sock.once("error", reject);
      });
      expect(reply).toMatch(/^-NOAUTH Authentication required/);
    } finally {
      await admin.call("ACL", "DELUSER", user);
      await admin.del(`${user}:doc`);
      admin.disconnect();
    }
  });
});
