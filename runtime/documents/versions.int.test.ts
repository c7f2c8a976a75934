// Versions: a new upload becomes v{n+1} under its own object key; identical bytes add nothing;
// every version stays downloadable; restore makes an old version current again by reusing its
// object; bad version numbers name `version`.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, type DocumentHarness, documentHarness, listKeys } from "./testing/index.ts";

let h: DocumentHarness;
let eu: Caller;

interface Doc {
  id: string;
  current_version: number;
  checksum_sha256: string;
  name: string;
  size_bytes: number;
}
interface Version {
  version: number;
  checksum_sha256: string;
  comment: string;
}
interface ErrorBody {
  error: { code: string; details: { field: string; message: string }[] };
}

beforeAll(async () => {
  h = await documentHarness();
  eu = h.users.north["end-user"];
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer()).toString();

describe("versions", () => {
  it("upload, list, read each, restore", async () => {
    const v1 = `first ${randomUUID()}`;
    const v2 = `second ${randomUUID()}`;
    const created = await h.uploadRaw(eu, Buffer.from(v1), "text/plain", { name: "contract.txt" });
    const doc = ((await created.json()) as { data: Doc }).data;

    const same = await h.uploadRaw(eu, Buffer.from(v1), "text/plain", {}, `/documents/${doc.id}/versions`);
    expect([same.status, ((await same.json()) as { data: Doc }).data.current_version]).toEqual([200, 1]);

    const before = await h.counts();
    const second = await h.uploadMultipart(eu, Buffer.from(v2), {
      path: `/documents/${doc.id}/versions`,
      filename: "contract-v2.txt",
      fields: { comment: "signed" },
    });
    const afterV2 = ((await second.json()) as { data: Doc }).data;
    expect([second.status, afterV2.current_version, afterV2.name]).toEqual([201, 2, "contract.txt"]);
    expect(await h.counts()).toEqual({
      documents: before.documents,
      versions: before.versions + 1,
      objects: before.objects + 1,
    });
    const keys = await listKeys(h.driver, `${eu.tenantId}/`);
    expect(keys.filter((k) => k.includes(doc.id)).map((k) => k.split("/").pop())).toEqual(["v1", "v2"]);

    expect(await bytesOf(await h.call("GET", `/documents/${doc.id}/content`, eu))).toBe(v2);
    expect(await bytesOf(await h.call("GET", `/documents/${doc.id}/versions/1/content`, eu))).toBe(v1);
    const one = (await (await h.call("GET", `/documents/${doc.id}/versions/2`, eu)).json()) as {
      data: Version;
    };
    expect(one.data).toMatchObject({ version: 2, comment: "signed" });

    const restored = await h.call("POST", `/documents/${doc.id}/versions/1/restore`, eu);
    const afterRestore = ((await restored.json()) as { data: Doc }).data;
    expect([restored.status, afterRestore.current_version, afterRestore.checksum_sha256]).toEqual([
      201,
      3,
      doc.checksum_sha256,
    ]);
    expect(await bytesOf(await h.call("GET", `/documents/${doc.id}/content`, eu))).toBe(v1);
    // The restored version reuses v1's object: no new object.
    expect((await h.counts()).objects).toBe(before.objects + 1);
    const [v3] = await h.fx.admin<{ storage_key: string }[]>`
      select storage_key from document_versions where document_id = ${doc.id} and version = 3`;
    expect(v3?.storage_key).toMatch(/\/v1$/);
    const again = await h.call("POST", `/documents/${doc.id}/versions/3/restore`, eu);
    expect(again.status).toBe(200);

    const page1 = (await (await h.call("GET", `/documents/${doc.id}/versions?limit=2`, eu)).json()) as {
      data: { items: Version[]; next_cursor: string };
    };
    expect(page1.data.items.map((v) => v.version)).toEqual([3, 2]);
    const page2 = (await (
      await h.call("GET", `/documents/${doc.id}/versions?limit=2&cursor=${page1.data.next_cursor}`, eu)
    ).json()) as { data: { items: Version[]; next_cursor: string | null } };
    expect([page2.data.items.map((v) => v.version), page2.data.next_cursor]).toEqual([[1], null]);
    expect(page2.data.items[0]?.comment).toBe("");
    expect(page1.data.items[0]?.comment).toBe("restored from version 1");

    const actions = await h.fx.admin<{ action: string }[]>`
      select action from audit_logs where resource_id = ${doc.id} order by seq`;
    expect(actions.map((a) => a.action)).toEqual([
      "document.create",
      "document.version.create",
      "document.version.restore",
    ]);
  });

  it.each([
    ["0", 400, "version"],
    ["-1", 400, "version"],
    ["1.5", 400, "version"],
    ["abc", 400, "version"],
    ["99", 404, "version"],
  ])("version %s → %i naming %s", async (version, status, field) => {
    const res = await h.uploadRaw(eu, Buffer.from(randomUUID()), "text/plain", { name: "v.txt" });
    const doc = ((await res.json()) as { data: Doc }).data;
    for (const [method, path] of [
      ["GET", `/documents/${doc.id}/versions/${version}`],
      ["GET", `/documents/${doc.id}/versions/${version}/content`],
      ["POST", `/documents/${doc.id}/versions/${version}/restore`],
    ] as const) {
      const r = await h.call(method, path, eu);
      const body = (await r.json()) as ErrorBody;
      expect([path, r.status, body.error.details.map((d) => d.field)]).toEqual([path, status, [field]]);
    }
  });

  it("a new version of someone else's document is 404 and stores nothing; a bad file stores nothing", async () => {
    const owner = await h.addUser("north", "end-user", "v-owner@north.test");
    const res = await h.uploadRaw(owner, Buffer.from(randomUUID()), "text/plain", { name: "o.txt" });
    const doc = ((await res.json()) as { data: Doc }).data;
    const before = await h.counts();
    const hidden = await h.uploadRaw(eu, Buffer.from("x"), "text/plain", {}, `/documents/${doc.id}/versions`);
    expect(hidden.status).toBe(404);
    const wrongType = await h.uploadRaw(
      owner,
      Buffer.from("x"),
      "image/png",
      {},
      `/documents/${doc.id}/versions`,
    );
    expect(wrongType.status).toBe(415);
    const unknown = await h.uploadRaw(
      owner,
      Buffer.from("x"),
      "text/plain",
      { tags: "a" },
      `/documents/${doc.id}/versions`,
    );
    const body = (await unknown.json()) as ErrorBody;
    expect([unknown.status, body.error.details[0]?.field]).toEqual([400, "tags"]);
    expect(await h.counts()).toEqual(before);
  });

  it("concurrent new versions get distinct numbers and keep their own bytes", async () => {
    const res = await h.uploadRaw(eu, Buffer.from(randomUUID()), "text/plain", { name: "race.txt" });
    const doc = ((await res.json()) as { data: Doc }).data;
    const bodies = Array.from({ length: 4 }, (_, i) => `race ${i} ${randomUUID()}`);
    const results = await Promise.all(
      bodies.map((b) => h.uploadRaw(eu, Buffer.from(b), "text/plain", {}, `/documents/${doc.id}/versions`)),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const versions = await h.fx.admin<{ version: number; checksum_sha256: string }[]>`
      select version, checksum_sha256 from document_versions where document_id = ${doc.id} order by version`;
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
    for (const v of versions.slice(1)) {
      const content = await bytesOf(
        await h.call("GET", `/documents/${doc.id}/versions/${v.version}/content`, eu),
      );
      expect(bodies).toContain(content);
      expect(createHash("sha256").update(content).digest("hex")).toBe(v.checksum_sha256);
    }
  });
});
