// The ComplianceProfile's documentRules, evaluated like framework rules: a rule applies to its
// category (every document when it names none) and reports each requirement the document misses.
import type { DocumentRule } from "../../../crds/profile-schema.ts";
import { normalizeLabel } from "./signals.ts";
import type { ComplianceSubject } from "./subject.ts";
import type { Finding, Severity } from "./types.ts";

/** Profile rules are the tenant's own policy: breaking one is serious but not by itself a failure. */
export const PROFILE_RULE_SEVERITY: Severity = "high";

export const profileRuleId = (rule: Pick<DocumentRule, "name">) => `profile.${rule.name}`;

const MIB = 1024 * 1024;

export function appliesTo(rule: DocumentRule, s: ComplianceSubject): boolean {
  const category = s.metadata.category;
  return rule.category === undefined || (category !== null && normalizeLabel(category) === rule.category);
}

export function checkProfileRule(rule: DocumentRule, s: ComplianceSubject): Finding[] {
  if (!appliesTo(rule, s)) return [];
  const out: Finding[] = [];
  const add = (message: string, remediation: string) =>
    out.push({ rule_id: profileRuleId(rule), severity: PROFILE_RULE_SEVERITY, message, remediation });
  const scope = rule.category ? `documents in "${rule.category}"` : "every document";

  const missing = (rule.requiredTags ?? []).filter((t) => !s.metadata.tags.includes(t));
  if (missing.length > 0) {
    add(
      `profile rule "${rule.name}": tags [${missing.join(", ")}] are required for ${scope}`,
      `Add the tags ${missing.join(", ")}.`,
    );
  }
  const size = s.metadata.sizeBytes;
  if (rule.maxSizeMB !== undefined && size !== null && size > rule.maxSizeMB * MIB) {
    add(
      `profile rule "${rule.name}": size ${(size / MIB).toFixed(1)} MB exceeds ${rule.maxSizeMB} MB`,
      `Split or compress the document below ${rule.maxSizeMB} MB.`,
    );
  }
  const types = rule.allowedTypes ?? [];
  const type = s.metadata.contentType?.split(";")[0]?.trim().toLowerCase() ?? null;
  if (types.length > 0 && (type === null || !types.includes(type))) {
    add(
      `profile rule "${rule.name}": content type "${type ?? "(unknown)"}" not in [${types.join(", ")}]`,
      `Convert the document to one of ${types.join(", ")}.`,
    );
  }
  return out;
}
