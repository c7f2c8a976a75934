import { describe, expect, it } from "vitest";
import { FRAMEWORKS } from "../../../crds/constants.ts";
import { ALL_RULES, RULE_SETS } from "./frameworks.ts";
import { RULE_CASES } from "./testing/rule-cases.ts";
import { NOW, subject } from "./testing/subjects.ts";
import type { Rule } from "./types.ts";

const run = (rule: Rule, spec: Parameters<typeof subject>[0]) => rule.check(subject(spec), { now: NOW });

describe("every rule has a passing and a failing subject", () => {
  it.each(ALL_RULES.map((r) => [r.id, r] as const))("%s", (id, rule) => {
    const cases = RULE_CASES[id];
    expect(cases, `no cases for ${id} in testing/rule-cases.ts`).toBeDefined();
    if (!cases) return;
    expect(cases.pass.length).toBeGreaterThan(0);
    expect(cases.fail.length).toBeGreaterThan(0);
    cases.pass.forEach((spec, i) => {
      expect(run(rule, spec), `${id} pass[${i}]`).toEqual([]);
    });
    cases.fail.forEach((spec, i) => {
      const findings = run(rule, spec);
      expect(findings.length, `${id} fail[${i}]`).toBeGreaterThan(0);
      const s = subject(spec);
      for (const f of findings) {
        expect(f.message).not.toBe("");
        if (f.location) {
          expect(f.location.start).toBeGreaterThanOrEqual(0);
          expect(f.location.end).toBeLessThanOrEqual(s.content.length);
          expect(f.location.end).toBeGreaterThan(f.location.start);
        }
      }
    });
  });

  it("lists no cases for rules that do not exist", () => {
    const ids = new Set(ALL_RULES.map((r) => r.id));
    expect(Object.keys(RULE_CASES).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe("rule sets", () => {
  it.each(FRAMEWORKS)("%s has 4 to 8 rules, each with remediation and its framework's version", (fw) => {
    const set = RULE_SETS[fw];
    expect(set.rules.length).toBeGreaterThanOrEqual(4);
    expect(set.rules.length).toBeLessThanOrEqual(8);
    for (const r of set.rules) {
      expect(r.framework).toBe(fw);
      expect(r.version).toBe(set.version);
      expect(r.remediation.length).toBeGreaterThan(20);
      expect(r.reference).not.toBe("");
    }
  });

  it("gives every rule a unique id", () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("examples from the issue", () => {
  const find = (id: string) => ALL_RULES.find((r) => r.id === id) as Rule;

  it("PCI: an unmasked card number fails at the card's location", () => {
    const content = "Pay with 4111 1111 1111 1111 today";
    const [f] = run(find("pci-dss.pan-unmasked"), {
      content,
      spans: [["credit_card", "4111 1111 1111 1111"]],
    });
    expect(f?.message).toContain("ending 1111");
    expect(f?.location).toEqual({ start: 9, end: 28 });
  });

  it("GDPR: personal data without a lawful-basis tag fails, naming the allowed bases for a bad one", () => {
    const spec = { content: "mail a@b.eu", spans: [["email", "a@b.eu"]] as [string, string][] };
    expect(run(find("gdpr.lawful-basis"), spec)[0]?.message).toContain("no lawful-basis tag");
    const bad = run(find("gdpr.lawful-basis"), { ...spec, metadata: { tags: ["lawful-basis-vibes"] } });
    expect(bad[0]?.message).toBe(
      'lawful-basis tag "vibes" is not one of [consent, contract, legal-obligation, vital-interests, public-task, legitimate-interests]',
    );
  });

  it("ignores entities below the confidence floor", () => {
    expect(
      run(find("gdpr.lawful-basis"), { content: "mail a@b.eu", spans: [["email", "a@b.eu", 0.3]] }),
    ).toEqual([]);
  });

  it("SOX: retention shorter than seven years names both dates", () => {
    const [f] = run(find("sox.retention-7-years"), {
      classification: "financial_statement",
      metadata: { retainUntil: "2028-01-01T00:00:00Z" },
    });
    expect(f?.message).toBe("retention ends 2028-01-01, before 2033-01-15 (7 years after creation)");
  });

  it("HIPAA: health data outside a restricted category points at the evidence", () => {
    const content = "Notes. ICD-10: J45.909 asthma.";
    const [f] = run(find("hipaa.restricted-category"), { content, metadata: { category: "general" } });
    expect(f?.message).toContain("diagnosis code J45.909");
    expect(content.slice(f?.location?.start, f?.location?.end)).toBe("ICD-10: J45.909");
  });
});
