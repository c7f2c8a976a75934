import { describe, expect, it } from "vitest";
import type { Entity } from "../../ai/entities/types.ts";
import { checkCompliance } from "./engine.ts";
import { type DocumentFacts, subjectFromDocument } from "./subject-from-document.ts";

const row = {
  extractedText: "Card 4111 1111 1111 1111 on file.",
  tags: ["billing"],
  metadata: { approvals: [{ by: "u-2", at: "2026-01-02T00:00:00Z" }], fiscal_period: "FY2025" },
  classification: "invoice",
  legalHold: false,
  retainUntil: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  createdBy: "u-1",
  contentType: "application/pdf",
  sizeBytes: 2048,
  currentVersion: 2,
};

// The extractor's spans are accepted as they are: this stops compiling if the shapes drift apart.
const extractorSpans: DocumentFacts["entities"] = [] as Entity[];

describe("subjectFromDocument", () => {
  it("maps the stored row, category, spans and shares", () => {
    const r = subjectFromDocument({
      document: row,
      category: { name: "Billing", retentionDays: 30 },
      entities: [{ type: "credit_card", start: 5, end: 24, text: "4111 1111 1111 1111", confidence: 0.99 }],
      shares: [{ permission: "read", expiresAt: null }],
    });
    expect(r.ok).toBe(true);
    expect(subjectFromDocument({ document: row, entities: extractorSpans }).ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.metadata).toMatchObject({
      category: "Billing",
      retentionDays: 30,
      version: 2,
      approvals: [{ by: "u-2", at: new Date("2026-01-02T00:00:00Z") }],
      attributes: { fiscal_period: "FY2025" },
    });
    const [pci] = checkCompliance(r.value, {
      frameworks: ["PCI-DSS"],
      now: new Date("2026-01-10T00:00:00Z"),
    });
    expect(pci?.findings.map((f) => f.rule_id).sort()).toEqual([
      "pci-dss.pan-access-expiry",
      "pci-dss.pan-restricted",
      "pci-dss.pan-unmasked",
    ]);
  });

  it("reports malformed stored approvals instead of checking with them", () => {
    const r = subjectFromDocument({ document: { ...row, metadata: { approvals: [{ by: "" }] } } });
    expect(r.ok ? [] : r.problems).toEqual([
      "metadata.approvals.0.by: Too small: expected string to have >=1 characters",
      "metadata.approvals.0.at: must be an ISO 8601 date-time",
    ]);
  });
});
