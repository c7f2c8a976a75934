// PostgreSQL and Redis of the local environment answer, with the security they are set up with:
// password authentication over TCP, and Redis ACL users confined to a key prefix.
import { randomUUID } from "node:crypto";
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
      await sql.unsafe(`create schema ${schema}; create table ${schema}.doc (tenant text, body text);
        alter table ${schema}.doc enable row level security; alter table ${schema}.doc force row level security;
        create policy by_tenant on ${schema}.doc using (tenant = current_setting('app.tenant', true));`);
      await sql.begin(async (tx) => {
        await tx`select set_config('app.tenant', 'a', true)`;
        await tx.unsafe(`insert into ${schema}.doc values ('a', 'mine')`);
      });
      // Forced RLS filters the table owner too: another tenant sees nothing.
      const seen = await sql.begin(async (tx) => {
        await tx`select set_config('app.tenant', 'b', true)`;
        return tx.unsafe(`select * from ${schema}.doc`);
      });
      expect(seen).toHaveLength(0);
      await sql.unsafe(`drop schema ${schema} cascade`);
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
      const anonymous = new Redis({
        host: env.redis.host,
        port: env.redis.port,
        maxRetriesPerRequest: 1,
        lazyConnect: true,
      });
      await expect(anonymous.connect().then(() => anonymous.get("x"))).rejects.toThrow(
        /NOAUTH|WRONGPASS|Authentication/i,
      );
      anonymous.disconnect();
    } finally {
      await admin.call("ACL", "DELUSER", user);
      await admin.del(`${user}:doc`);
      admin.disconnect();
    }
  });
});
