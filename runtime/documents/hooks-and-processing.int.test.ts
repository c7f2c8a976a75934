// The documents module's hooks (what the runtime connects to the pipeline, webhooks and the PII
// policy) and the processing route that shows what the pipeline recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../app/index.ts";
import type { DocumentEvent, ScreenInput } from "./events.ts";
import { type DocumentHarness, documentHarness } from "./testing/index.ts";

let h: DocumentHarness;
const events: DocumentEvent[] = [];
const screened: ScreenInput[] = [];
const utf8 = (s: string) => new TextEncoder().encode(s);

beforeAll(async () => {
  h = await documentHarness({
    deps: {
      hooks: {
        async screen(input) {
          screened.push(input);
          if (
            (await import("node:fs/promises").then((fs) => fs.readFile(input.path, "utf8"))).includes(
              "BLOCK-ME",
            )
          ) {
            throw new ApiError({
              code: "UNPROCESSABLE_ENTITY",
              message: "upload refused: personal data",
              details: [{ field: "file", message: "personal data" }],
            });
          }
          return undefined;
        },
        async onEvent(event) {
          events.push(event);
        },
      },
    },
  });
});
afterAll(async () => {
  await h?.close();
});

async function json(res: Response) {
  return (await res.json()) as {
    data: Record<string, unknown> & { id: string };
    error: { code: string; details: { field: string }[] };
  };
}

describe("document hooks", () => {
  it("screen every upload before storing it, and announce what committed", async () => {
    const admin = h.users.north["tenant-admin"];
    const res = await h.uploadRaw(admin, utf8("quarterly report body"), "text/plain", { name: "q.txt" });
    expect(res.status).toBe(201);
    const doc = (await json(res)).data;
    expect(screened.at(-1)).toMatchObject({ tenantId: admin.tenantId, contentType: "text/plain", size: 21 });
    expect(events.at(-1)).toMatchObject({
      type: "document.created",
      tenantId: admin.tenantId,
      documentId: doc.id,
      version: 1,
    });
    const v2 = await h.call("POST", `/documents/${doc.id}/versions?name=q.txt`, admin, {
      body: utf8("quarterly report body, revised"),
      headers: { "content-type": "text/plain" },
    });
    expect(v2.status, await v2.clone().text()).toBe(201);
    expect(events.at(-1)).toMatchObject({ type: "document.updated", documentId: doc.id, version: 2 });
    const patched = await h.call("PATCH", `/documents/${doc.id}`, admin, { json: { tags: ["q3"] } });
    expect(patched.status).toBe(200);
    expect(events.at(-1)).toMatchObject({
      type: "document.updated",
      documentId: doc.id,
      data: { change: "metadata" },
    });
    expect(events.at(-1)?.version).toBeUndefined();
    expect(new Set(events.map((e) => e.changeId)).size).toBe(events.length);
  });

  it("store nothing and announce nothing when the screen refuses", async () => {
    const before = await h.counts();
    const announced = events.length;
    const res = await h.uploadRaw(h.users.north["end-user"], utf8("SSN 123-45-6789 BLOCK-ME"), "text/plain", {
      name: "pii.txt",
    });
    expect(res.status).toBe(422);
    expect((await json(res)).error.details).toEqual([{ field: "file", message: "personal data" }]);
    expect(await h.counts()).toEqual(before);
    expect(events.length).toBe(announced);
  });
});

describe("GET /documents/{id}/processing", () => {
  it("shows each step in pipeline order with failures and findings, to callers who see the document", async () => {
    const admin = h.users.north["tenant-admin"];
    const doc = (
      await json(await h.uploadRaw(admin, utf8("an invoice to process"), "text/plain", { name: "inv.txt" }))
    ).data;
    const t = admin.tenantId;
    await h.fx
      .admin`insert into document_processing (tenant_id, document_id, version, step, status, attempts, last_error, summary)
      values (${t}, ${doc.id}, 1, 'classify', 'failed', 3, 'model busy', '{}'),
             (${t}, ${doc.id}, 1, 'extract', 'succeeded', 1, null, ${h.fx.admin.json({ chars: 21 })})`;
    await h.fx
      .admin`insert into document_analyses (tenant_id, document_id, version, classification, entities, summary)
      values (${t}, ${doc.id}, 1, ${h.fx.admin.json({ label: "invoice", confidence: 0.9 })},
              ${h.fx.admin.json([{ type: "email", personal: true, preview: "a***@x.test" }])}, 'An invoice.')`;
    const res = await h.call("GET", `/documents/${doc.id}/processing`, admin);
    expect(res.status).toBe(200);
    const body = (await json(res)).data;
    expect(body).toMatchObject({
      document_id: doc.id,
      version: 1,
      classification: { label: "invoice", confidence: 0.9 },
      entities: [{ type: "email", preview: "a***@x.test" }],
      summary: "An invoice.",
    });
    expect(
      (body.steps as { step: string; status: string; error: string | null }[]).map((s) => [
        s.step,
        s.status,
        s.error,
      ]),
    ).toEqual([
      ["extract", "succeeded", null],
      ["classify", "failed", "model busy"],
    ]);
    expect(
      (await h.call("GET", `/documents/${doc.id}/processing`, h.users.south["tenant-admin"])).status,
    ).toBe(404);
    expect((await h.call("GET", `/documents/${doc.id}/processing`, h.users.north["end-user"])).status).toBe(
      404,
    );
    const bad = await h.call("GET", `/documents/${doc.id}/processing?version=0`, admin);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details[0]?.field).toBe("version");
  });
});
