import { Document, Packer, Paragraph, TextRun } from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { extractText, UnreadableDocumentError } from "./index.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

async function pdfOf(pages: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) doc.addPage().drawText(text, { x: 50, y: 700, size: 12, font });
  return doc.save();
}

async function docxOf(paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe("extractText", () => {
  it.each([
    ["text/plain; charset=utf-8", "Loan agreement\r\nbetween A and B", "Loan agreement\nbetween A and B"],
    ["text/markdown", "# Invoice\n\nTotal: 12 EUR", "# Invoice\n\nTotal: 12 EUR"],
    ["text/csv", "name,amount\nrent,1200", "name,amount\nrent,1200"],
  ])("reads %s as it is (newlines normalized)", async (type, input, expected) => {
    expect(await extractText(utf8(input), type)).toEqual({
      text: expected,
      method: "plain",
      truncated: false,
    });
  });

  it("drops HTML markup, scripts and styles but keeps the words", async () => {
    const html = `<html><head><style>p{color:red}</style><script>alert("x")</script></head>
      <body><h1>Audit report</h1><p>Findings: <b>none</b>. <a href="https://x.test">link</a></p></body></html>`;
    const { text, method } = await extractText(utf8(html), "text/html");
    expect(method).toBe("html");
    expect(text).toContain("AUDIT REPORT");
    expect(text).toContain("Findings: none.");
    expect(text).not.toMatch(/alert|color:red|https:\/\/x\.test|<b>/);
  });

  it("collects the strings of a JSON document", async () => {
    const { text } = await extractText(
      utf8(JSON.stringify({ customer: "Ada", items: [{ sku: "A1", qty: 2 }] })),
      "application/json",
    );
    expect(text.split("\n")).toEqual(["customer", "Ada", "items", "sku", "A1", "qty", "2"]);
  });

  it("reads every page of a PDF", async () => {
    const { text, method, pages } = await extractText(
      await pdfOf(["Bank statement March", "Closing balance 4200"]),
      "application/pdf",
    );
    expect({ method, pages }).toEqual({ method: "pdf", pages: 2 });
    expect(text).toContain("Bank statement March");
    expect(text).toContain("Closing balance 4200");
  });

  it("reads the paragraphs of a DOCX", async () => {
    const type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const { text, method } = await extractText(
      await docxOf(["Non-disclosure agreement", "The parties agree"]),
      type,
    );
    expect(method).toBe("docx");
    expect(text).toContain("Non-disclosure agreement");
    expect(text).toContain("The parties agree");
  });

  it("yields no text for images instead of failing", async () => {
    expect(await extractText(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), "image/png")).toEqual({
      text: "",
      method: "none",
      truncated: false,
    });
  });

  it("caps the text and says so", async () => {
    const r = await extractText(utf8("a".repeat(50)), "text/plain", { maxChars: 10 });
    expect(r).toEqual({ text: "a".repeat(10), method: "plain", truncated: true });
  });

  it.each([
    ["application/pdf", utf8("not a pdf at all")],
    ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", utf8("not a zip")],
    ["application/json", utf8("{broken")],
  ])("refuses bytes that are not %s with an unrecoverable error", async (type, bytes) => {
    const err = await extractText(bytes, type).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableDocumentError);
    expect((err as Error).message).toMatch(/^the document is not readable as /);
  });
});
