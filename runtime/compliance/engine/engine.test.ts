import { describe, expect, it } from "vitest";
import { FRAMEWORKS } from "../../../crds/constants.ts";
import type { DocumentRule } from "../../../crds/profile-schema.ts";
import { checkCompliance } from "./engine.ts";
import { frameworkFromStored, frameworks, RULE_SETS, storedFramework } from "./frameworks.ts";
import { parseSubject } from "./subject.ts";
import { NOW, type SubjectSpec, subject, years } from "./testing/subjects.ts";
import type { Framework } from "./types.ts";

const clean = subject({ content: "Quarterly sales meeting agenda.", metadata: { retentionDays: 365 } });
const PAN = "4111 1111 1111 1111";

describe("checkCompliance", () => {
  it("passes a clean document under every framework with a full score", () => {
    const results = checkCompliance(clean, { frameworks: FRAMEWORKS, now: NOW });
    expect(results.map((r) => [r.framework, r.score, r.status, r.findings])).toEqual(
      FRAMEWORKS.map((f) => [f, 100, "passed", []]),
    );
    for (const r of results) {
      expect(r.version).toBe(RULE_SETS[r.framework].version);
      expect(r.rulesEvaluated).toBe(RULE_SETS[r.framework].rules.length);
    }
  });

  it("fails PCI DSS for an unmasked card and reports rule, severity, location and remediation", () => {
    const s = subject({
      content: `Card ${PAN} on file.`,
      spans: [["credit_card", PAN]],
      metadata: { category: "billing" },
    });
    const [pci] = checkCompliance(s, { frameworks: ["PCI-DSS"], now: NOW });
    expect(pci?.status).toBe("failed");
    const ids = pci?.findings.map((f) => f.rule_id).sort();
    expect(ids).toEqual(["pci-dss.pan-restricted", "pci-dss.pan-retention", "pci-dss.pan-unmasked"]);
    const unmasked = pci?.findings.find((f) => f.rule_id === "pci-dss.pan-unmasked");
    expect(unmasked).toMatchObject({ severity: "critical", location: { start: 5, end: 24 } });
    expect(unmasked?.remediation).toMatch(/first six and last four/);
    // critical 10 + high 5 + high 5 lost of 10+10+5+10+5+3 = 43
    expect(pci?.score).toBe(Math.round((100 * (43 - 20)) / 43));
  });

  it("gives a warning for a high finding only, a pass for a low one", () => {
    const personal = subject({
      content: "Write to a@b.eu",
      spans: [["email", "a@b.eu"]],
      metadata: { retentionDays: 365 },
    });
    const [gdpr] = checkCompliance(personal, { frameworks: ["GDPR"], now: NOW });
    expect(gdpr?.findings.map((f) => f.rule_id)).toEqual(["gdpr.lawful-basis"]);
    expect(gdpr?.status).toBe("warning");

    const ownerless = subject({ content: "menu", metadata: { createdBy: null } });
    const [soc2] = checkCompliance(ownerless, { frameworks: ["SOC2"], now: NOW });
    expect(soc2?.findings.map((f) => f.rule_id)).toEqual(["soc2.owner-assigned"]);
    expect(soc2?.status).toBe("passed");
    expect(soc2?.score).toBeLessThan(100);
  });

  it("uses `now` for retention: the same subject passes before its end and fails after", () => {
    const s = subject({
      content: "mail a@b.eu",
      spans: [["email", "a@b.eu"]],
      metadata: { tags: ["lawful-basis-contract"], retainUntil: "2026-03-01T00:00:00Z" },
    });
    const at = (now: string) =>
      checkCompliance(s, { frameworks: ["GDPR"], now: new Date(now) })[0]?.findings.map((f) => f.rule_id);
    expect(at("2026-02-01T00:00:00Z")).toEqual([]);
    expect(at("2026-03-02T00:00:00Z")).toEqual(["gdpr.retention-expired"]);
  });

  it("checks each framework once, in the order asked", () => {
    const results = checkCompliance(clean, { frameworks: ["SOC2", "GDPR", "SOC2"], now: NOW });
    expect(results.map((r) => r.framework)).toEqual(["SOC2", "GDPR"]);
  });

  it("refuses an unknown or empty framework list, naming the allowed values", () => {
    expect(() => checkCompliance(clean, { frameworks: ["ISO27001" as Framework] })).toThrow(
      '["ISO27001"] must be a non-empty list from [SOX, GDPR, HIPAA, PCI-DSS, SOC2]',
    );
    expect(() => checkCompliance(clean, { frameworks: [] })).toThrow(RangeError);
  });
});

describe("profile documentRules", () => {
  const rules: DocumentRule[] = [
    { name: "contracts-tagged", category: "contracts", requiredTags: ["counterparty", "signed"] },
    { name: "pdf-only", allowedTypes: ["application/pdf"], maxSizeMB: 1 },
  ];
  const contract = (metadata: SubjectSpec["metadata"]) =>
    subject({ content: "Agreement.", metadata: { category: "contracts", retentionDays: 365, ...metadata } });

  it("passes a document that meets every rule, and counts them as evaluated", () => {
    const s = contract({ tags: ["counterparty", "signed"], contentType: "application/pdf", sizeBytes: 1000 });
    const [r] = checkCompliance(s, { frameworks: ["SOX"], profileRules: rules, now: NOW });
    expect(r).toMatchObject({ status: "passed", score: 100, findings: [] });
    expect(r?.rulesEvaluated).toBe(RULE_SETS.SOX.rules.length + 2);
  });

  it("reports missing tags, a wrong type and an oversize file, naming what is allowed", () => {
    const s = contract({
      tags: ["signed"],
      contentType: "text/plain; charset=utf-8",
      sizeBytes: 3 * 1024 * 1024,
    });
    const [r] = checkCompliance(s, { frameworks: ["GDPR"], profileRules: rules, now: NOW });
    expect(r?.findings.map((f) => [f.rule_id, f.severity, f.message])).toEqual([
      [
        "profile.contracts-tagged",
        "high",
        'profile rule "contracts-tagged": tags [counterparty] are required for documents in "contracts"',
      ],
      ["profile.pdf-only", "high", 'profile rule "pdf-only": size 3.0 MB exceeds 1 MB'],
      [
        "profile.pdf-only",
        "high",
        'profile rule "pdf-only": content type "text/plain" not in [application/pdf]',
      ],
    ]);
    expect(r?.status).toBe("warning");
    expect(r?.findings.every((f) => f.remediation.length > 0)).toBe(true);
  });

  it("applies a category's rule only to that category", () => {
    const s = subject({ content: "Memo.", metadata: { category: "memos", contentType: "application/pdf" } });
    const [r] = checkCompliance(s, { frameworks: ["SOC2"], profileRules: rules, now: NOW });
    expect(r?.findings).toEqual([]);
    expect(r?.rulesEvaluated).toBe(RULE_SETS.SOC2.rules.length + 1);
  });

  it("matches the rule's category against the document's category name however it is written", () => {
    const s = subject({
      content: "Agreement.",
      metadata: { category: "Contracts", tags: [], retentionDays: 365 },
    });
    const [r] = checkCompliance(s, {
      frameworks: ["SOC2"],
      profileRules: [rules[0] as DocumentRule],
      now: NOW,
    });
    expect(r?.findings.map((f) => f.rule_id)).toEqual(["profile.contracts-tagged"]);
  });

  it("counts profile findings in every framework checked", () => {
    const s = contract({ tags: [] });
    const results = checkCompliance(s, {
      frameworks: ["SOX", "HIPAA"],
      profileRules: [rules[0] as DocumentRule],
      now: NOW,
    });
    expect(results.map((r) => r.findings.map((f) => f.rule_id))).toEqual([
      ["profile.contracts-tagged"],
      ["profile.contracts-tagged"],
    ]);
  });
});

describe("frameworks()", () => {
  it("lists the five frameworks with versions and their rules", () => {
    const list = frameworks();
    expect(list.map((f) => f.framework)).toEqual([...FRAMEWORKS]);
    const pci = list.find((f) => f.framework === "PCI-DSS");
    expect(pci?.standard).toBe("PCI DSS v4.0.1");
    expect(pci?.rules.map((r) => r.id)).toContain("pci-dss.pan-unmasked");
    expect(Object.keys(pci?.rules[0] ?? {}).sort()).toEqual([
      "id",
      "reference",
      "remediation",
      "severity",
      "title",
    ]);
  });

  it("maps profile names to the stored enum and back", () => {
    expect(storedFramework("PCI-DSS")).toBe("PCI_DSS");
    expect(frameworkFromStored("PCI_DSS")).toBe("PCI-DSS");
    expect(frameworkFromStored("PCI-DSS")).toBeUndefined();
    for (const f of FRAMEWORKS) expect(frameworkFromStored(storedFramework(f))).toBe(f);
  });
});

describe("parseSubject", () => {
  it("fills defaults from a minimal subject", () => {
    const r = parseSubject({ metadata: { createdAt: "2026-01-01T00:00:00Z" } });
    expect(r.ok && r.value.metadata).toMatchObject({
      tags: [],
      legalHold: false,
      auditLogged: true,
      version: 1,
    });
  });

  it("names the field and what is allowed", () => {
    const r = parseSubject({
      content: "abc",
      entities: [{ type: "email", start: 0, end: 9, text: "abc", confidence: 0.9 }],
      metadata: { createdAt: "2026-01-01T00:00:00Z", tags: ["x".repeat(65)] },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      "metadata.tags.0: each tag must be 1-64 characters",
      "entities.0.end: span [0, 9) is outside the content (length 3)",
    ]);
  });

  it("requires createdAt", () => {
    const r = parseSubject({ metadata: {} });
    expect(r.ok ? [] : r.problems.map((p) => p.split(":")[0])).toEqual(["metadata.createdAt"]);
  });

  it("keeps SOX's seven years exact across a leap day", () => {
    expect(years(7).toISOString()).toBe("2033-01-15T09:00:00.000Z");
  });
});
