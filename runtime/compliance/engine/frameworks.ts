// The rule sets, one per framework, and the catalogue GET /compliance/frameworks serves.
import { FRAMEWORKS } from "../../../crds/constants.ts";
import { gdpr } from "./rules/gdpr.ts";
import { hipaa } from "./rules/hipaa.ts";
import { pciDss } from "./rules/pci-dss.ts";
import { soc2 } from "./rules/soc2.ts";
import { sox } from "./rules/sox.ts";
import type { Framework, Rule, RuleSet, Severity } from "./types.ts";

export const RULE_SETS: Readonly<Record<Framework, RuleSet>> = {
  SOX: sox,
  GDPR: gdpr,
  HIPAA: hipaa,
  "PCI-DSS": pciDss,
  SOC2: soc2,
};

export const ALL_RULES: readonly Rule[] = FRAMEWORKS.flatMap((f) => RULE_SETS[f].rules);

export interface FrameworkInfo {
  framework: Framework;
  standard: string;
  version: string;
  rules: { id: string; title: string; severity: Severity; reference: string; remediation: string }[];
}

export function frameworks(): FrameworkInfo[] {
  return FRAMEWORKS.map((f) => {
    const { framework, standard, version, rules } = RULE_SETS[f];
    return {
      framework,
      standard,
      version,
      rules: rules.map(({ id, title, severity, reference, remediation }) => ({
        id,
        title,
        severity,
        reference,
        remediation,
      })),
    };
  });
}

/** compliance_checks.framework spells PCI DSS with an underscore; the profile with a hyphen. */
const STORED = { SOX: "SOX", GDPR: "GDPR", HIPAA: "HIPAA", "PCI-DSS": "PCI_DSS", SOC2: "SOC2" } as const;
export type StoredFramework = (typeof STORED)[Framework];

export const storedFramework = (f: Framework): StoredFramework => STORED[f];
export function frameworkFromStored(stored: string): Framework | undefined {
  return FRAMEWORKS.find((f) => STORED[f] === stored);
}
