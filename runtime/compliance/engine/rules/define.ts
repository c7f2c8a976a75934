// Rule files list their rules without repeating the framework and version on each one.
import type { Framework, Rule, RuleSet } from "../types.ts";

export function ruleSet(
  framework: Framework,
  standard: string,
  version: string,
  rules: Omit<Rule, "framework" | "version">[],
): RuleSet {
  return { framework, standard, version, rules: rules.map((r) => ({ ...r, framework, version })) };
}
