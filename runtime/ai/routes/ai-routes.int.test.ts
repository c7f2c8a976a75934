// The /api/v2/ai routes on real PostgreSQL and storage: each route's answer, stored documents read
// through the caller's visibility (404 across tenants and for an end user's unshared neighbour),
// bad input answered 4xx naming the field with nothing stored, the permission matrix, translation
// through a real HTTP provider or 501 without one, and per-tenant training.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../auth/rbac.ts";
import type { Caller } from "../../documents/testing/index.ts";
import { DOCUMENT_TYPES } from "../document-types.ts";
import { HOW_TO_CONFIGURE, openAiCompatible } from "../translate/index.ts";
import { type AiHarness, aiHarness, type ErrorBody, GRANT_LETTERS as GRANTS, WARRANTIES } from "./testing.ts";

const INVOICE = `Invoice Details
Invoice number INV-2041, issued 03/04/2024 by Northwind Supplies Ltd.
Bill To
Contoso Bank plc, Accounts Payable, 1 Harbour Street, London.
Line Items
Consulting services for the quarterly audit, 12 hours at $150.00 per hour.
Totals
Subtotal $1,800.00, VAT 20% $360.00, total amount due $2,160.00.
Payment Terms
Payment is due within 30 days of the invoice date by bank transfer to the account below.`;

const PII =
  "Customer: Mr. John Smith, card number 4111 1111 1111 1111, email john.smith@example.com, SSN 123-45-6789.";

let h: AiHarness;
let north: Record<Role, Caller>;
let south: Record<Role, Caller>;

beforeAll(async () => {
  h = await aiHarness({ redactionKey: "a-test-redaction-key-of-32-chars!" });
  north = h.users.north;
  south = h.users.south;
}, 120_000);
afterAll(async () => {
  await h?.close();
});

interface Data<T> {
  data: T;
}

describe("POST /ai/classify", () => {
  it("labels a text with the default model until the tenant has its own", async () => {
    const res = await h.json<
      Data<{ label: string; confidence: number; model: string; candidates: unknown[] }>
    >("POST", "/ai/classify", north["end-user"], { text: INVOICE });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ label: "invoice", model: "default" });
    expect(res.body.data.confidence).toBeGreaterThan(0.5);
    expect(res.body.data.candidates.length).toBeGreaterThan(1);
  });

  it("classifies a stored document from the pipeline's text, else from its bytes", async () => {
    const admin = north["tenant-admin"];
    // The bytes say nothing; the analysis row (as the pipeline writes it) holds the invoice text.
    const analysed = await h.upload(admin, "placeholder bytes");
    await h.fx
      .admin`insert into document_analyses (tenant_id, document_id, version, extraction, classification)
      values (${admin.tenantId}, ${analysed}, 1, ${h.fx.admin.json({ text: INVOICE })}, ${h.fx.admin.json({ label: "invoice", confidence: 0.9, model: "default@1" })})`;
    const a = await h.json<Data<{ label: string; document_id: string; version: number; stored: unknown }>>(
      "POST",
      "/ai/classify",
      admin,
      { document_id: analysed },
    );
    expect(a.status).toBe(200);
    expect(a.body.data).toMatchObject({ label: "invoice", document_id: analysed, version: 1 });
    expect(a.body.data.stored).toMatchObject({ label: "invoice" });
    const raw = await h.upload(admin, INVOICE);
    const b = await h.json<Data<{ label: string; stored: unknown }>>("POST", "/ai/classify", admin, {
      document_id: raw,
    });
    expect(b.status).toBe(200);
    expect(b.body.data).toMatchObject({ label: "invoice", stored: null });
  });

  it("404s for another tenant's document and for an end user's unshared neighbour", async () => {
    const doc = await h.upload(north["end-user"], INVOICE);
    for (const who of [
      south["tenant-admin"],
      south["end-user"],
      await h.addUser("north", "end-user", "eu2@north.test"),
    ]) {
      const res = await h.json<ErrorBody>("POST", "/ai/classify", who, { document_id: doc });
      expect(res.status).toBe(404);
      expect(res.body.error.details[0]?.field).toBe("document_id");
    }
    for (const path of ["/ai/extract", "/ai/summarize"]) {
      expect((await h.json("POST", path, south["tenant-admin"], { document_id: doc })).status).toBe(404);
    }
    expect(
      (await h.json("POST", "/ai/standardize", south["tenant-admin"], { document_id: doc, type: "invoice" }))
        .status,
    ).toBe(404);
  });

  it("400 naming the field for unknown fields and a bad threshold, 422 for neither or both inputs", async () => {
    const who = north["end-user"];
    const unknown = await h.json<ErrorBody>("POST", "/ai/classify", who, { text: "x y z", mode: "fast" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ field: "mode", message: "unknown field" }]);
    const neither = await h.json<ErrorBody>("POST", "/ai/classify", who, {});
    expect(neither.status).toBe(422);
    expect(neither.body.error.details.map((d) => d.field)).toEqual(["text", "document_id"]);
    const both = await h.json<ErrorBody>("POST", "/ai/classify", who, {
      text: "a b c",
      document_id: "00000000-0000-4000-8000-000000000000",
    });
    expect(both.status).toBe(422);
    expect(both.body.error.message).toContain("not both");
    const threshold = await h.json<ErrorBody>("POST", "/ai/classify", who, { text: "a b c", threshold: 2 });
    expect(threshold.status).toBe(400);
    expect(threshold.body.error.details[0]?.field).toBe("threshold");
    const badId = await h.json<ErrorBody>("POST", "/ai/classify", who, { document_id: "doc-1" });
    expect(badId.status).toBe(400);
    expect(badId.body.error.details[0]?.field).toBe("document_id");
  });

  it("413 naming text above 1 MB, on every text route", async () => {
    const big = "word ".repeat(200_001);
    for (const [path, extra] of [
      ["/ai/classify", {}],
      ["/ai/extract", {}],
      ["/ai/summarize", {}],
      ["/ai/standardize", { type: "invoice" }],
      ["/ai/translate", { target: "de" }],
    ] as const) {
      const res = await h.json<ErrorBody>("POST", path, north["end-user"], { text: big, ...extra });
      expect(res.status, path).toBe(413);
      expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(res.body.error.details[0]?.field).toBe("text");
    }
  });
});

interface Span {
  type: string;
  start: number;
  end: number;
  confidence: number;
  personal: boolean;
  text?: string;
  normalized?: string;
  preview?: string;
}

describe("POST /ai/extract", () => {
  it("returns typed spans with values for the caller's own text, and redacts on request", async () => {
    const res = await h.json<
      Data<{ entities: Span[]; counts: Record<string, number>; redacted: { text: string } }>
    >("POST", "/ai/extract", north["end-user"], { text: PII, redact: "type" });
    expect(res.status).toBe(200);
    const byType = Object.fromEntries(res.body.data.entities.map((e) => [e.type, e]));
    expect(byType.credit_card).toMatchObject({
      text: "4111 1111 1111 1111",
      normalized: "4111111111111111",
      personal: true,
    });
    expect(byType.email?.text).toBe("john.smith@example.com");
    expect(byType.ssn?.text).toBe("123-45-6789");
    expect(PII.slice(byType.ssn?.start, byType.ssn?.end)).toBe("123-45-6789");
    expect(res.body.data.counts.credit_card).toBe(1);
    expect(res.body.data.redacted.text).toContain("[CREDIT_CARD]");
    expect(res.body.data.redacted.text).not.toContain("4111");
  });

  it("filters by types and min_confidence; hash redaction uses the tenant's key", async () => {
    const only = await h.json<Data<{ entities: Span[] }>>("POST", "/ai/extract", north["end-user"], {
      text: PII,
      types: ["email"],
    });
    expect(only.body.data.entities.map((e) => e.type)).toEqual(["email"]);
    const none = await h.json<Data<{ entities: Span[] }>>("POST", "/ai/extract", north["end-user"], {
      text: PII,
      min_confidence: 1,
    });
    expect(none.body.data.entities.every((e) => e.confidence >= 1)).toBe(true);
    const tag = async (who: Caller) => {
      const r = await h.json<Data<{ redacted: { text: string } }>>("POST", "/ai/extract", who, {
        text: "SSN 123-45-6789",
        redact: "hash",
      });
      expect(r.status).toBe(200);
      return /\[SSN:[0-9a-f]{12}\]/.exec(r.body.data.redacted.text)?.[0];
    };
    const a = await tag(north["end-user"]);
    expect(a).toBeDefined();
    expect(await tag(north["tenant-admin"])).toBe(a);
    expect(await tag(south["end-user"])).not.toBe(a);
  });

  it("gives masked previews, never values, for a stored document", async () => {
    const doc = await h.upload(north["end-user"], PII);
    const res = await h.json<Data<{ entities: Span[]; document_id: string }>>(
      "POST",
      "/ai/extract",
      north["end-user"],
      {
        document_id: doc,
      },
    );
    expect(res.status).toBe(200);
    const card = res.body.data.entities.find((e) => e.type === "credit_card");
    expect(card?.preview).toBe("**** **** **** 1111");
    for (const e of res.body.data.entities) {
      expect(e.text).toBeUndefined();
      expect(e.normalized).toBeUndefined();
      expect(typeof e.preview).toBe("string");
    }
    expect(JSON.stringify(res.body)).not.toContain("123-45-6789");
  });

  it("400 naming types, min_confidence and redact when they are outside what is allowed", async () => {
    for (const [body, field] of [
      [{ text: PII, types: ["passport"] }, "types.0"],
      [{ text: PII, types: [] }, "types"],
      [{ text: PII, min_confidence: 1.5 }, "min_confidence"],
      [{ text: PII, redact: "blur" }, "redact"],
    ] as const) {
      const res = await h.json<ErrorBody>("POST", "/ai/extract", north["end-user"], body);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]?.field).toBe(field);
    }
  });
});

describe("POST /ai/summarize and /ai/standardize", () => {
  it("summarizes in the text's own sentences, at most max_sentences", async () => {
    const res = await h.json<
      Data<{ summary: string; sentences: { text: string }[]; total_sentences: number }>
    >("POST", "/ai/summarize", north["end-user"], { text: INVOICE, max_sentences: 2 });
    expect(res.status).toBe(200);
    expect(res.body.data.sentences.length).toBeLessThanOrEqual(2);
    expect(res.body.data.sentences.length).toBeGreaterThan(0);
    for (const s of res.body.data.sentences) expect(INVOICE).toContain(s.text);
    const bad = await h.json<ErrorBody>("POST", "/ai/summarize", north["end-user"], {
      text: INVOICE,
      max_sentences: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.field).toBe("max_sentences");
  });

  it("reports deviations and writes the normalized text", async () => {
    const res = await h.json<
      Data<{ conforms: boolean; deviations: { kind: string }[]; normalized_text: string }>
    >("POST", "/ai/standardize", north["end-user"], {
      text: INVOICE.replace("Payment Terms\n", ""),
      type: "invoice",
    });
    expect(res.status).toBe(200);
    expect(res.body.data.deviations.map((d) => d.kind)).toContain("missing_section");
    expect(res.body.data.deviations.map((d) => d.kind)).toContain("date_format");
    expect(res.body.data.normalized_text).toContain("2024-04-03");
    const doc = await h.upload(north["end-user"], INVOICE);
    const stored = await h.json<Data<{ document_id: string; conforms: boolean }>>(
      "POST",
      "/ai/standardize",
      north["end-user"],
      { document_id: doc, type: "invoice" },
    );
    expect(stored.status).toBe(200);
    expect(stored.body.data.document_id).toBe(doc);
  });

  it("400 listing the document types for an unknown type", async () => {
    const res = await h.json<ErrorBody>("POST", "/ai/standardize", north["end-user"], {
      text: INVOICE,
      type: "memo",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({
      field: "type",
      message: `must be one of ${DOCUMENT_TYPES.join(", ")}`,
    });
  });
});

describe("POST /ai/translate", () => {
  it("501 saying how to configure a provider when there is none", async () => {
    const res = await h.json<ErrorBody>("POST", "/ai/translate", north["end-user"], {
      text: "Hallo",
      target: "en",
    });
    expect(res.status).toBe(501);
    expect(res.body.error).toMatchObject({ code: "NOT_IMPLEMENTED", message: HOW_TO_CONFIGURE });
  });

  it("400 naming target for a tag that is not a language", async () => {
    const res = await h.json<ErrorBody>("POST", "/ai/translate", north["end-user"], {
      text: "Hallo",
      target: "german!",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.field).toBe("target");
  });
});

describe("POST /ai/translate through an OpenAI-compatible provider", () => {
  let server: Server;
  let t: AiHarness;
  let fail = false;
  const seen: { model: string; messages: { role: string; content: string }[] }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        seen.push(JSON.parse(raw));
        if (fail) {
          res.writeHead(500).end("{}");
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ choices: [{ message: { content: " Hello, world " } }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    t = await aiHarness({
      translation: openAiCompatible({ baseUrl: `http://127.0.0.1:${port}/v1`, model: "m1" }),
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => server?.close(r));
  });

  it("answers the provider's translation, and 503 when the provider fails", async () => {
    const who = t.users.north["end-user"];
    const res = await t.json<Data<{ text: string; target: string; model: string }>>(
      "POST",
      "/ai/translate",
      who,
      {
        text: "Hallo, Welt",
        target: "en",
        source: "de",
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ text: "Hello, world", target: "en", model: "m1" });
    expect(seen.at(-1)?.messages.at(-1)?.content).toBe("Hallo, Welt");
    fail = true;
    const down = await t.json<ErrorBody>("POST", "/ai/translate", who, { text: "Hallo", target: "en" });
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe("SERVICE_UNAVAILABLE");
    expect(down.body.error.message).toContain("HTTP 500");
  });
});

describe("the tenant's classifier", () => {
  it("refuses training roles without ai:train (403) and an incomplete set of examples (422)", async () => {
    for (const role of ["end-user", "compliance-officer"] as const) {
      expect(
        (await h.json("POST", "/ai/classifier/examples", north[role], { label: "x", text: "a b c" })).status,
      ).toBe(403);
      expect((await h.json("POST", "/ai/classifier/train", north[role])).status).toBe(403);
    }
    const res = await h.json<ErrorBody>("POST", "/ai/classifier/train", north["tenant-admin"]);
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]?.field).toBe("examples");
    expect(await h.count("classifier_models")).toBe(0);
    // This server has no job queue: background training says so instead of pretending.
    const background = await h.json<ErrorBody>("POST", "/ai/classifier/train", north["tenant-admin"], {
      background: true,
    });
    expect(background.status).toBe(501);
    expect(background.body.error.details[0]?.field).toBe("background");
  });

  it("stores nothing for a bad label, an unknown field or an invisible document", async () => {
    const who = north["document-manager"];
    for (const [body, field, status] of [
      [{ label: "Invoice!", text: "abc" }, "label", 400],
      [{ label: "unknown", text: "abc" }, "label", 400],
      [{ label: "ok", text: "abc", weight: 2 }, "weight", 400],
      [{ label: "ok" }, "text", 422], // neither text nor document_id: a rule the schema cannot state
    ] as const) {
      const res = await h.json<ErrorBody>("POST", "/ai/classifier/examples", who, body);
      expect(res.status).toBe(status);
      expect(res.body.error.details[0]?.field).toBe(field);
    }
    const southDoc = await h.upload(south["end-user"], GRANTS[0] as string);
    const res = await h.json<ErrorBody>("POST", "/ai/classifier/examples", who, {
      label: "ok",
      document_id: southDoc,
    });
    expect(res.status).toBe(404);
    expect(await h.count("classifier_examples")).toBe(0);
  });

  it("trains on the tenant's examples, reports cross-validated accuracy, and classifies with it", async () => {
    const who = north["document-manager"];
    for (const text of GRANTS.slice(1)) {
      expect(
        (await h.json("POST", "/ai/classifier/examples", who, { label: "grant_letter", text })).status,
      ).toBe(201);
    }
    // One example from a stored document the caller can see.
    const doc = await h.upload(north["end-user"], GRANTS[0] as string);
    const fromDoc = await h.json<Data<{ document_id: string; examples: Record<string, number> }>>(
      "POST",
      "/ai/classifier/examples",
      who,
      { label: "grant_letter", document_id: doc },
    );
    expect(fromDoc.status).toBe(201);
    expect(fromDoc.body.data).toMatchObject({ document_id: doc, examples: { grant_letter: 6 } });
    for (const text of WARRANTIES) {
      expect(
        (await h.json("POST", "/ai/classifier/examples", north["tenant-admin"], { label: "warranty", text }))
          .status,
      ).toBe(201);
    }
    const before = await h.json<Data<{ model: string; training: unknown; examples: Record<string, number> }>>(
      "GET",
      "/ai/classifier",
      north["end-user"],
    );
    expect(before.body.data).toMatchObject({
      model: "default",
      training: null,
      examples: { grant_letter: 6, warranty: 6 },
    });

    const trained = await h.json<
      Data<{ accuracy: number; per_label: { label: string }[]; examples: number; folds: number }>
    >("POST", "/ai/classifier/train", who);
    expect(trained.status).toBe(200);
    expect(trained.body.data.examples).toBe(12);
    expect(trained.body.data.folds).toBe(5);
    expect(trained.body.data.accuracy).toBeGreaterThanOrEqual(0.75);
    expect(trained.body.data.per_label.map((l) => l.label)).toEqual(["grant_letter", "warranty"]);

    const status = await h.json<Data<{ model: string; training: { accuracy: number } }>>(
      "GET",
      "/ai/classifier",
      north["end-user"],
    );
    expect(status.body.data.model).toBe("tenant");
    expect(status.body.data.training.accuracy).toBe(trained.body.data.accuracy);

    const text = "The manufacturer's warranty covers repair of the defective appliance compressor.";
    const mine = await h.json<Data<{ label: string; model: string }>>(
      "POST",
      "/ai/classify",
      north["end-user"],
      { text },
    );
    expect(mine.body.data).toMatchObject({ label: "warranty", model: "tenant" });
    // Another tenant still gets the default model.
    const theirs = await h.json<Data<{ label: string; model: string }>>(
      "POST",
      "/ai/classify",
      south["end-user"],
      { text: INVOICE },
    );
    expect(theirs.body.data).toMatchObject({ label: "invoice", model: "default" });

    const [audit] = await h.fx.admin<{ n: number }[]>`
      select count(*)::int as n from audit_logs where action in ('classifier.example.add', 'classifier.train')`;
    expect(audit?.n).toBe(13);
  });
});
