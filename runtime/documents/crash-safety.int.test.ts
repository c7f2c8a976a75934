// No row ever points at a missing object: a failed put stores no row; a database failure after
// the put rolls the rows back and deletes the object; and the sweeper removes orphans older than
// the grace period while keeping referenced and recent objects.
import { createHash, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { objectKey, type StorageDriver, StorageError } from "../storage/index.ts";
import { startDocumentSweeper, sweepTenant } from "./sweeper.ts";
import { type DocumentHarness, documentHarness, listKeys } from "./testing/index.ts";

let h: DocumentHarness;
let failPuts = false;

/** The real driver, except that put fails (after reading nothing) while `failPuts` is set. */
function failingPuts(driver: StorageDriver): StorageDriver {
  return new Proxy(driver, {
    get(target, prop, receiver) {
      if (prop === "put" && failPuts) {
        return async () => {
          throw new StorageError("backend", "injected: bucket unreachable");
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

beforeAll(async () => {
  h = await documentHarness({ wrapDriver: failingPuts });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const text = () => Buffer.from(`crash ${randomUUID()}`);

describe("crash safety", () => {
  it("a failing put answers 5xx and stores no row", async () => {
    const before = await h.counts();
    failPuts = true;
    try {
      const res = await h.uploadRaw(h.users.north["end-user"], text(), "text/plain", { name: "a.txt" });
      const body = (await res.json()) as { error: { code: string } };
      expect([res.status, body.error.code]).toEqual([500, "INTERNAL_SERVER_ERROR"]);
    } finally {
      failPuts = false;
    }
    expect(await h.counts()).toEqual(before);
  });

  it("a database failure after the put leaves no row and deletes the object", async () => {
    const who = h.users.north["end-user"];
    const doc = (
      (await (await h.uploadRaw(who, text(), "text/plain", { name: "base.txt" })).json()) as {
        data: { id: string };
      }
    ).data;
    // A real failure inside the transaction, after the documents insert and the put.
    await h.fx.admin.unsafe(`
      create function wspec_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end $$;
      create trigger wspec_test_fail before insert on document_versions
        for each row execute function wspec_test_fail();`);
    try {
      const before = await h.counts();
      const res = await h.uploadRaw(who, text(), "text/plain", { name: "b.txt" });
      expect(res.status).toBe(500);
      const version = await h.uploadRaw(who, text(), "text/plain", {}, `/documents/${doc.id}/versions`);
      expect(version.status).toBe(500);
      expect(await h.counts()).toEqual(before);
      const [row] = await h.fx.admin<{ current_version: number }[]>`
        select current_version from documents where id = ${doc.id}`;
      expect(row?.current_version).toBe(1);
    } finally {
      await h.fx.admin.unsafe(`
        drop trigger wspec_test_fail on document_versions;
        drop function wspec_test_fail();`);
    }
  });
});

describe("orphan sweeper", () => {
  async function putOrphan(tenantId: string): Promise<string> {
    const bytes = text();
    const key = objectKey({
      tenant: tenantId,
      category: "uncategorized",
      createdAt: new Date(),
      document: randomUUID(),
      version: 1,
    });
    await h.driver.put(key, bytes, {
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: bytes.length,
    });
    return key;
  }

  it("deletes orphans older than the grace period, keeps referenced and recent objects", async () => {
    const who = h.users.north["document-manager"];
    const kept = (
      (await (await h.uploadRaw(who, text(), "text/plain", { name: "kept.txt" })).json()) as {
        data: { id: string };
      }
    ).data;
    const deleted = (
      (await (await h.uploadRaw(who, text(), "text/plain", { name: "del.txt" })).json()) as {
        data: { id: string };
      }
    ).data;
    expect((await h.call("DELETE", `/documents/${deleted.id}`, h.users.north["tenant-admin"])).status).toBe(
      200,
    );
    const orphan = await putOrphan(who.tenantId);
    const southOrphan = await putOrphan(h.users.south["end-user"].tenantId);
    const opts = { driver: h.driver, databases: h.fx.dbs, graceSeconds: 3600 };

    // Now: the orphan is younger than the grace period.
    const early = await sweepTenant(opts, who.tenantId);
    expect(early.deleted).toEqual([]);
    expect(await listKeys(h.driver)).toContain(orphan);

    // Two hours later it is swept; referenced objects (also of a soft-deleted document) stay, and
    // another tenant's prefix is not touched.
    const late = await sweepTenant({ ...opts, clock: () => new Date(Date.now() + 7_200_000) }, who.tenantId);
    expect(late.deleted).toEqual([orphan]);
    const keys = await listKeys(h.driver);
    expect(keys).not.toContain(orphan);
    expect(keys).toContain(southOrphan);
    expect(keys.filter((k) => k.includes(kept.id) || k.includes(deleted.id))).toHaveLength(2);
  });

  it("never deletes the object of a version being committed under the document's lock", async () => {
    const who = h.users.north["end-user"];
    const doc = (
      (await (await h.uploadRaw(who, text(), "text/plain", { name: "locked.txt" })).json()) as {
        data: { id: string; created_at: string };
      }
    ).data;
    // What a version upload does: lock the row, put v2 (here: a leftover of a crashed upload at
    // the same key, older than the grace period from the sweeper's clock), insert, commit.
    const bytes = text();
    const key = objectKey({
      tenant: who.tenantId,
      category: "uncategorized",
      createdAt: new Date(doc.created_at),
      document: doc.id,
      version: 2,
    });
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    await h.driver.put(key, bytes, { sha256, size: bytes.length });
    let sweep: Promise<{ deleted: string[] }> | undefined;
    await h.fx.dbs.withTenant(who.tenantId, async (tx) => {
      await tx.execute(sql`select id from documents where id = ${doc.id} for update`);
      sweep = sweepTenant(
        {
          driver: h.driver,
          databases: h.fx.dbs,
          graceSeconds: 60,
          clock: () => new Date(Date.now() + 3_600_000),
        },
        who.tenantId,
      );
      // The sweeper found the unreferenced candidate and now waits for the row lock.
      await expect
        .poll(
          async () =>
            (
              await h.fx.admin<{ n: number }[]>`
                select count(*)::int as n from pg_stat_activity
                where wait_event_type = 'Lock' and query ilike '%for share%'`
            )[0]?.n,
          { timeout: 10_000 },
        )
        .toBe(1);
      await tx.execute(sql`
        insert into document_versions (tenant_id, document_id, version, storage_key, content_type, size_bytes, checksum_sha256)
        values (${who.tenantId}, ${doc.id}, 2, ${key}, 'text/plain', ${bytes.length}, ${sha256})`);
    });
    expect((await sweep)?.deleted).toEqual([]);
    expect(await listKeys(h.driver)).toContain(key);
  });

  it("runs on an interval per registered tenant and stops gracefully", async () => {
    const orphan = await putOrphan(h.users.south["end-user"].tenantId);
    const sweeper = startDocumentSweeper({
      driver: h.driver,
      databases: h.fx.dbs,
      tenants: () => h.fx.registry.list().map((l) => l.tenantId),
      intervalSeconds: 0.05,
      graceSeconds: 0,
      clock: () => new Date(Date.now() + 1000),
    });
    try {
      await expect
        .poll(async () => (await listKeys(h.driver)).includes(orphan), { timeout: 5000 })
        .toBe(false);
      const reports = await sweeper.runOnce();
      expect([...reports.keys()].sort()).toEqual(
        h.fx.registry
          .list()
          .map((l) => l.tenantId)
          .sort(),
      );
    } finally {
      await sweeper.stop();
    }
  });
});
