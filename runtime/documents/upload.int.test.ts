// POST /api/v2/documents: every bad input is a 4xx naming the field and stores nothing (no row,
// no object); identical bytes are stored once, also when uploaded concurrently.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, type DocumentHarness, documentHarness } from "./testing/index.ts";

const LIMIT = 64 * 1024;
let h: DocumentHarness;
let who: Caller;

beforeAll(async () => {
  h = await documentHarness({
    deps: { bodyLimits: { starter: LIMIT, professional: LIMIT, enterprise: LIMIT } },
  });
  who = h.users.north["end-user"];
}, 60_000);
afterAll(async () => {
  await h?.close();
});

interface ErrorBody {
  error: { code: string; message: string; details: { field: string; message: string }[] };
}

const PDF = Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const text = (s = randomUUID()) => Buffer.from(`hello ${s}\n`);

type Case = [label: string, send: () => Promise<Response>, status: number, code: string, field: RegExp];

const cases: Case[] = [
  [
    "empty name",
    () => h.uploadMultipart(who, text(), { fields: { name: "" } }),
    400,
    "VALIDATION_ERROR",
    /^name$/,
  ],
  [
    "name over 255",
    () => h.uploadMultipart(who, text(), { fields: { name: `${"a".repeat(256)}.txt` } }),
    400,
    "VALIDATION_ERROR",
    /^name$/,
  ],
  [
    "name with /",
    () => h.uploadRaw(who, text(), "text/plain", { name: "../etc/passwd" }),
    400,
    "VALIDATION_ERROR",
    /^name$/,
  ],
  [
    "name with \\",
    () => h.uploadRaw(who, text(), "text/plain", { name: "a\\b.txt" }),
    400,
    "VALIDATION_ERROR",
    /^name$/,
  ],
  [
    "name with NUL",
    () => h.uploadRaw(who, text(), "text/plain", { name: "a\u0000b.txt" }),
    400,
    "VALIDATION_ERROR",
    /^name$/,
  ],
  [
    "name with a control char",
    () => h.uploadRaw(who, text(), "text/plain", { name: "a\u0007.txt" }),
    400,
    "VALIDATION_ERROR",
    /^name$/,
  ],
  ["name .", () => h.uploadRaw(who, text(), "text/plain", { name: "." }), 400, "VALIDATION_ERROR", /^name$/],
  ["name ..", () => h.uploadMultipart(who, text(), { filename: ".." }), 400, "VALIDATION_ERROR", /^name$/],
  [
    "raw body without a name",
    () => h.uploadRaw(who, text(), "text/plain", {}),
    400,
    "VALIDATION_ERROR",
    /^name$/,
  ],
  [
    "empty file (multipart)",
    () => h.uploadMultipart(who, new Uint8Array(0)),
    422,
    "UNPROCESSABLE_ENTITY",
    /^file$/,
  ],
  [
    "empty file (raw)",
    () => h.uploadRaw(who, new Uint8Array(0), "text/plain", { name: "e.txt" }),
    422,
    "UNPROCESSABLE_ENTITY",
    /^file$/,
  ],
  [
    "type not allowed",
    () => h.uploadRaw(who, Buffer.from("MZ\x90\x00"), "application/x-msdownload", { name: "a.exe" }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    /^content_type$/,
  ],
  [
    "no type and unknown extension",
    () => h.uploadMultipart(who, text(), { filename: "a.bin", type: "application/octet-stream" }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    /^content_type$/,
  ],
  [
    "pdf declared, png bytes",
    () => h.uploadMultipart(who, PNG, { filename: "a.pdf", type: "application/pdf" }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    /^content_type$/,
  ],
  [
    "png declared, text bytes",
    () => h.uploadRaw(who, text(), "image/png", { name: "a.png" }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    /^content_type$/,
  ],
  [
    "text declared, pdf bytes",
    () => h.uploadRaw(who, PDF, "text/plain", { name: "a.txt" }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    /^content_type$/,
  ],
  [
    "docx declared, not a zip",
    () =>
      h.uploadMultipart(who, text(), {
        filename: "a.docx",
        type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    /^content_type$/,
  ],
  [
    "unknown multipart field",
    () => h.uploadMultipart(who, text(), { fields: { owner: "me" } }),
    400,
    "VALIDATION_ERROR",
    /^owner$/,
  ],
  [
    "unknown query parameter",
    () => h.uploadRaw(who, text(), "text/plain", { name: "a.txt", owner: "me" }),
    400,
    "VALIDATION_ERROR",
    /^owner$/,
  ],
  [
    "a second file part",
    () => {
      const form = new FormData();
      form.append("file", new Blob([text()], { type: "text/plain" }), "a.txt");
      form.append("file", new Blob([text()], { type: "text/plain" }), "b.txt");
      return h.call("POST", "/documents", who, { body: form });
    },
    400,
    "VALIDATION_ERROR",
    /^file$/,
  ],
  [
    "missing file part",
    () => {
      const form = new FormData();
      form.append("name", "a.txt");
      return h.call("POST", "/documents", who, { body: form });
    },
    400,
    "VALIDATION_ERROR",
    /^file$/,
  ],
  [
    "malformed multipart",
    () =>
      h.call("POST", "/documents", who, {
        body: "--x\r\nnope",
        headers: { "content-type": "multipart/form-data" },
      }),
    400,
    "VALIDATION_ERROR",
    /^body$/,
  ],
  [
    "a field over 64 KiB",
    () => h.uploadMultipart(who, text(), { fields: { description: "d".repeat(70_000) } }),
    400,
    "VALIDATION_ERROR",
    /^description$/,
  ],
  [
    "metadata not JSON",
    () => h.uploadMultipart(who, text(), { fields: { metadata: "{nope" } }),
    400,
    "VALIDATION_ERROR",
    /^metadata$/,
  ],
  [
    "metadata an array",
    () => h.uploadRaw(who, text(), "text/plain", { name: "a.txt", metadata: "[1,2]" }),
    400,
    "VALIDATION_ERROR",
    /^metadata$/,
  ],
  [
    "name given twice",
    () => h.uploadMultipart(who, text(), { fields: { name: ["a.txt", "b.txt"] } }),
    400,
    "VALIDATION_ERROR",
    /^name$/,
  ],
  [
    "too many tags",
    () =>
      h.uploadMultipart(who, text(), {
        fields: { tags: Array.from({ length: 51 }, (_, i) => `t${i}`).join(",") },
      }),
    400,
    "VALIDATION_ERROR",
    /^tags$/,
  ],
  [
    "a tag over 64 chars",
    () => h.uploadMultipart(who, text(), { fields: { tags: "x".repeat(65) } }),
    400,
    "VALIDATION_ERROR",
    /^tags\.0$/,
  ],
  [
    "category_id not a uuid",
    () => h.uploadMultipart(who, text(), { fields: { category_id: "finance" } }),
    400,
    "VALIDATION_ERROR",
    /^category_id$/,
  ],
  [
    "category_id of no category",
    () => h.uploadMultipart(who, text(), { fields: { category_id: randomUUID() } }),
    404,
    "NOT_FOUND",
    /^category_id$/,
  ],
  [
    "file over the tier limit (multipart)",
    () => h.uploadMultipart(who, randomBytes(LIMIT + 1)),
    413,
    "PAYLOAD_TOO_LARGE",
    /^file$/,
  ],
  [
    "file over the tier limit (raw, chunked)",
    () =>
      h.call("POST", "/documents?name=big.txt", who, {
        body: new ReadableStream({
          start(ctl) {
            for (let i = 0; i < 5; i++) ctl.enqueue(randomBytes(LIMIT / 4));
            ctl.close();
          },
        }),
        headers: { "content-type": "text/plain" },
      }),
    413,
    "PAYLOAD_TOO_LARGE",
    /^(file|body)$/,
  ],
];

describe("bad input stores nothing", () => {
  it.each(cases)("%s", async (_label, send, status, code, field) => {
    const before = await h.counts();
    const res = await send();
    const body = (await res.json()) as ErrorBody;
    expect([res.status, body.error.code]).toEqual([status, code]);
    expect(body.error.details.map((d) => d.field)).toContainEqual(expect.stringMatching(field));
    expect(await h.counts()).toEqual(before);
  });

  it("the 413 names the limit and the 415 lists the allowed types", async () => {
    const big = (await (await h.uploadMultipart(who, randomBytes(LIMIT + 10))).json()) as ErrorBody;
    expect(big.error.message).toContain(String(LIMIT));
    const bad = (await (
      await h.uploadRaw(who, text(), "application/zip", { name: "a.zip" })
    ).json()) as ErrorBody;
    expect(bad.error.details[0]?.message).toContain("application/pdf");
    expect(bad.error.details[0]?.message).toContain("text/csv");
  });
});

describe("dedup", () => {
  it("the same bytes twice: one row, one object, the second answer deduplicated", async () => {
    const bytes = text();
    const before = await h.counts();
    const first = await h.uploadMultipart(who, bytes, { filename: "one.txt" });
    const second = await h.uploadRaw(who, bytes, "text/plain", { name: "two.txt" });
    const a = (await first.json()) as { data: { id: string; deduplicated: boolean; name: string } };
    const b = (await second.json()) as { data: { id: string; deduplicated: boolean; name: string } };
    expect([first.status, a.data.deduplicated]).toEqual([201, false]);
    expect([second.status, b.data.deduplicated, b.data.id, b.data.name]).toEqual([
      200,
      true,
      a.data.id,
      "one.txt",
    ]);
    const after = await h.counts();
    expect(after).toEqual({
      documents: before.documents + 1,
      versions: before.versions + 1,
      objects: before.objects + 1,
    });
  });

  it("concurrent uploads of the same bytes: one document, one object, the rest deduplicated", async () => {
    const bytes = text();
    const before = await h.counts();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => h.uploadRaw(who, bytes, "text/plain", { name: `c${i}.txt` })),
    );
    const bodies = (await Promise.all(results.map((r) => r.json()))) as {
      data: { id: string; deduplicated: boolean };
    }[];
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(bodies.map((b) => b.data.id)).size).toBe(1);
    expect(bodies.filter((b) => !b.data.deduplicated)).toHaveLength(1);
    expect(await h.counts()).toEqual({
      documents: before.documents + 1,
      versions: before.versions + 1,
      objects: before.objects + 1,
    });
  });

  // Review finding (issue 16): dedup answered 409 "identical content already exists" for bytes only
  // another user could see, so anyone could test whether a colleague holds a given file.
  it("bytes another user of the tenant uploaded (invisible to this one): answered like a first upload, nothing revealed", async () => {
    type Uploaded = { data: Record<string, unknown> & { id: string; deduplicated: boolean } };
    const bytes = text();
    const owner = await h.addUser("north", "end-user", "owner@north.test");
    const mine = await h.uploadRaw(owner, bytes, "text/plain", { name: "mine.txt" });
    const ownerDoc = (await mine.json()) as Uploaded;
    expect(mine.status).toBe(201);
    const fresh = (await (
      await h.uploadRaw(who, text(), "text/plain", { name: "fresh.txt" })
    ).json()) as Uploaded;

    const before = await h.counts();
    const res = await h.uploadRaw(who, bytes, "text/plain", { name: "theirs.txt" });
    const body = (await res.json()) as Uploaded;
    // The same status, shape and flags as an upload of bytes nobody holds.
    expect([res.status, body.data.deduplicated, body.data.name]).toEqual([201, false, "theirs.txt"]);
    expect(Object.keys(body.data).sort()).toEqual(Object.keys(fresh.data).sort());
    expect(body.data.id).not.toBe(ownerDoc.data.id);
    expect(JSON.stringify(body)).not.toContain(ownerDoc.data.id);
    expect(JSON.stringify(body)).not.toContain("mine.txt");
    // Its own copy: the owner's document (its deletion, holds, erasure) stays the owner's alone.
    expect(await h.counts()).toEqual({
      documents: before.documents + 1,
      versions: before.versions + 1,
      objects: before.objects + 1,
    });
    // Dedup still works within what each one sees.
    const again = (await (
      await h.uploadRaw(who, bytes, "text/plain", { name: "again.txt" })
    ).json()) as Uploaded;
    expect([again.data.id, again.data.deduplicated]).toEqual([body.data.id, true]);
    const ownerAgain = (await (
      await h.uploadRaw(owner, bytes, "text/plain", { name: "x.txt" })
    ).json()) as Uploaded;
    expect([ownerAgain.data.id, ownerAgain.data.deduplicated]).toEqual([ownerDoc.data.id, true]);
    // A tenant-wide reader sees both and is answered with one of them.
    const admin = h.users.north["tenant-admin"];
    const seen = (await (
      await h.uploadRaw(admin, bytes, "text/plain", { name: "a.txt" })
    ).json()) as Uploaded;
    expect(seen.data.deduplicated).toBe(true);
    expect([ownerDoc.data.id, body.data.id]).toContain(seen.data.id);
  });

  it("a new version with bytes of another user's invisible document: added, no 409", async () => {
    const bytes = text();
    const owner = await h.addUser("north", "end-user", "owner2@north.test");
    expect((await h.uploadRaw(owner, bytes, "text/plain", { name: "secret.txt" })).status).toBe(201);
    const own = (await (await h.uploadRaw(who, text(), "text/plain", { name: "draft.txt" })).json()) as {
      data: { id: string };
    };
    const res = await h.uploadRaw(who, bytes, "text/plain", {}, `/documents/${own.data.id}/versions`);
    const body = (await res.json()) as { data: { id: string; current_version: number } };
    expect([res.status, body.data.id, body.data.current_version]).toEqual([201, own.data.id, 2]);
  });

  it("a deleted document's bytes can be uploaded again", async () => {
    const bytes = text();
    const admin = h.users.north["tenant-admin"];
    const first = (await (await h.uploadRaw(admin, bytes, "text/plain", { name: "d.txt" })).json()) as {
      data: { id: string };
    };
    expect((await h.call("DELETE", `/documents/${first.data.id}`, admin)).status).toBe(200);
    const again = await h.uploadRaw(admin, bytes, "text/plain", { name: "d.txt" });
    const body = (await again.json()) as { data: { id: string; deduplicated: boolean } };
    expect([again.status, body.data.deduplicated]).toEqual([201, false]);
    expect(body.data.id).not.toBe(first.data.id);
  });
});

describe("accepted forms", () => {
  it("infers the type from the extension for application/octet-stream and files under a category", async () => {
    const [cat] = await h.fx.admin<{ id: string }[]>`
      insert into document_categories (tenant_id, name) values (${who.tenantId}, 'Board Minutes & Notes')
      returning id`;
    const res = await h.uploadMultipart(who, PDF, {
      filename: "minutes.pdf",
      type: "application/octet-stream",
      fields: { category_id: cat?.id ?? "", name: "Minutes.pdf" },
    });
    const body = (await res.json()) as { data: { id: string; content_type: string; category_id: string } };
    expect([res.status, body.data.content_type, body.data.category_id]).toEqual([
      201,
      "application/pdf",
      cat?.id,
    ]);
    const [row] = await h.fx.admin<
      { storage_key: string }[]
    >`select storage_key from documents where id = ${body.data.id}`;
    expect(row?.storage_key).toMatch(
      new RegExp(`^${who.tenantId}/board-minutes-notes/\\d{4}/\\d{2}/${body.data.id}/v1$`),
    );
  });

  it("records the upload in the audit chain", async () => {
    const res = await h.uploadRaw(who, text(), "text/plain", { name: "audited.txt" });
    const { data } = (await res.json()) as { data: { id: string } };
    const rows = await h.fx.admin<{ action: string; actor_id: string }[]>`
      select action, actor_id from audit_logs where resource_id = ${data.id}`;
    expect(rows).toEqual([{ action: "document.create", actor_id: who.id }]);
  });
});
