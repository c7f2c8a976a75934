// The benchmark's mixed documents: text, Markdown, HTML, CSV, JSON, PDF and DOCX of varied sizes,
// built from the classification corpus so that every step (classification above all) has real
// text to work on. Deterministic: the same count gives the same documents.
import { Document as Docx, Packer, Paragraph, TextRun } from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { loadCorpus } from "../../training/classify/index.ts";

export interface BenchDocument {
  name: string;
  contentType: string;
  bytes: Uint8Array;
  /** The corpus label its text came from. */
  label: string;
}

export const FORMATS = ["txt", "md", "html", "csv", "json", "pdf", "docx"] as const;
export type Format = (typeof FORMATS)[number];

const CONTENT_TYPES: Record<Format, string> = {
  txt: "text/plain",
  md: "text/markdown",
  html: "text/html",
  csv: "text/csv",
  json: "application/json",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** Corpus texts per document: most are a page or two, a few run to dozens of pages. */
const SIZES = [1, 1, 2, 3, 5, 8, 13, 30];

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Lines of at most `width` characters, breaking at spaces. */
export function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(" ", width);
    const at = cut > 0 ? cut : width;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

async function pdfOf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  // The standard fonts encode WinAnsi only; the corpus is nearly all ASCII.
  const printable = lines.flatMap((l) => wrap(l.replace(/[^\x20-\x7e]/g, " "), 95));
  const perPage = 50;
  for (let i = 0; i < printable.length; i += perPage) {
    const page = doc.addPage();
    for (const [j, line] of printable.slice(i, i + perPage).entries()) {
      page.drawText(line, { x: 40, y: 800 - j * 15, size: 10, font });
    }
  }
  return doc.save();
}

async function docxOf(lines: string[]): Promise<Uint8Array> {
  const doc = new Docx({
    sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export async function render(format: Format, text: string): Promise<Uint8Array> {
  const lines = text.split("\n");
  const utf8 = (s: string) => new TextEncoder().encode(s);
  switch (format) {
    case "txt":
      return utf8(text);
    case "md":
      return utf8(lines.map((l, i) => (i === 0 ? `# ${l}` : l)).join("\n"));
    case "html":
      return utf8(
        `<!doctype html><html><head><title>${escapeHtml(lines[0] ?? "")}</title></head><body>${lines
          .map((l, i) => (i === 0 ? `<h1>${escapeHtml(l)}</h1>` : `<p>${escapeHtml(l)}</p>`))
          .join("\n")}</body></html>`,
      );
    case "csv":
      return utf8(["line,text", ...lines.map((l, i) => `${i + 1},${csvCell(l)}`)].join("\n"));
    case "json":
      return utf8(JSON.stringify({ title: lines[0], lines: lines.slice(1) }, null, 2));
    case "pdf":
      return pdfOf(lines);
    case "docx":
      return docxOf(lines);
  }
}

/** `count` documents cycling through the formats, the corpus labels and the sizes. */
export async function mixedDocuments(count: number): Promise<BenchDocument[]> {
  const corpus = loadCorpus();
  const byLabel = new Map<string, string[]>();
  for (const e of corpus) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), e.text]);
  const labels = [...byLabel.keys()].sort();
  const out: BenchDocument[] = [];
  for (let i = 0; i < count; i += 1) {
    const format = FORMATS[i % FORMATS.length] as Format;
    const label = labels[i % labels.length] as string;
    const texts = byLabel.get(label) ?? [];
    // Sizes cycle at a period coprime to the formats' and labels', so every format gets every size.
    const size = SIZES[Math.floor(i / 3) % SIZES.length] as number;
    const start = (i * 7) % texts.length;
    const parts = Array.from({ length: size }, (_, k) => texts[(start + k) % texts.length] as string);
    out.push({
      name: `bench-${i}-${label}.${format}`,
      contentType: CONTENT_TYPES[format],
      // A reference line makes every document distinct: a tenant's equal bytes are one document.
      bytes: await render(format, `${parts.join("\n\n")}\n\nReference BENCH-${String(i).padStart(6, "0")}`),
      label,
    });
  }
  return out;
}
