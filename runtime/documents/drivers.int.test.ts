// Upload → download through the API on every storage driver (local, moto S3, azurite, fake-gcs),
// multipart and raw: the bytes come back identical, with their length, type, ETag and ranges.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DocumentHarness, DRIVER_KINDS, documentHarness, listKeys } from "./testing/index.ts";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe.each(DRIVER_KINDS)("documents on %s", (kind) => {
  let h: DocumentHarness;
  beforeAll(async () => {
    h = await documentHarness({ driver: kind });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it("multipart upload, then a byte-identical download", async () => {
    const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(300_000)]);
    const who = h.users.north["end-user"];
    const res = await h.uploadMultipart(who, bytes, {
      filename: "Report 2026 – Q1.pdf",
      type: "application/pdf",
      fields: { description: "quarterly", tags: ["Finance", "q1"], metadata: '{"dept":"fin"}' },
    });
    const body = (await res.json()) as { data: Record<string, unknown> };
    expect(res.status).toBe(201);
    expect(body.data).toMatchObject({
      name: "Report 2026 – Q1.pdf",
      content_type: "application/pdf",
      size_bytes: bytes.length,
      checksum_sha256: sha(bytes),
      current_version: 1,
      tags: ["finance", "q1"],
      metadata: { dept: "fin" },
      description: "quarterly",
      created_by: who.id,
      deduplicated: false,
    });
    const id = body.data.id as string;
    const keys = await listKeys(h.driver);
    expect(keys).toEqual([
      expect.stringMatching(new RegExp(`^${who.tenantId}/uncategorized/\\d{4}/\\d{2}/${id}/v1$`)),
    ]);

    const down = await h.call("GET", `/documents/${id}/content`, who);
    expect(down.status).toBe(200);
    expect(down.headers.get("content-type")).toBe("application/pdf");
    expect(down.headers.get("content-length")).toBe(String(bytes.length));
    expect(down.headers.get("etag")).toBe(`"${sha(bytes)}"`);
    expect(down.headers.get("content-disposition")).toBe(
      `attachment; filename="Report 2026 _ Q1.pdf"; filename*=UTF-8''Report%202026%20%E2%80%93%20Q1.pdf`,
    );
    expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await h.call("GET", `/documents/${id}/content`, who, {
      headers: { range: "bytes=100-199" },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await h.call("GET", `/documents/${id}/content`, who, { headers: { range: "bytes=-10" } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 10))).toBe(true);
    const beyond = await h.call("GET", `/documents/${id}/content`, who, {
      headers: { range: `bytes=${bytes.length}-` },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
    const cached = await h.call("GET", `/documents/${id}/content`, who, {
      headers: { "if-none-match": `"${sha(bytes)}"` },
    });
    expect(cached.status).toBe(304);
  });

  it("raw upload with ?name=, then a byte-identical download", async () => {
    const bytes = Buffer.from(`id,amount\n${"1,2\n".repeat(50_000)}`);
    const who = h.apiKeys.north;
    const res = await h.uploadRaw(who, bytes, "text/csv; charset=utf-8", { name: "ledger.csv", tags: "a,b" });
    const body = (await res.json()) as { data: Record<string, unknown> };
    expect(res.status).toBe(201);
    expect(body.data).toMatchObject({
      name: "ledger.csv",
      content_type: "text/csv",
      tags: ["a", "b"],
      created_by: null,
      created_by_api_key: who.id,
    });
    const down = await h.call("GET", `/documents/${body.data.id}/content`, who);
    expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
