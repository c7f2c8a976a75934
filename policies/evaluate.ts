// The rules run outside the engine: over resources captured by Pulumi mocks (unit tests of the cloud
// stacks) and over the Tenant spec alone (the operator's preflight).
import { ruleLevel } from "./rules/enforcement.ts";
import { RULES } from "./rules/rules.ts";
import type { RuleContext, RuleLevel, RuleName, RuleResource, TenantFinding } from "./rules/types.ts";

export interface Finding {
  readonly rule: RuleName;
  readonly level: RuleLevel;
  /** The resource's name and type. */
  readonly resource: string;
  readonly type: string;
  readonly message: string;
}

/** Every violation of every rule, as the pack would report them (mandatory and advisory alike). */
export function evaluateResources(resources: readonly RuleResource[], ctx: RuleContext): Finding[] {
  return RULES.flatMap((rule) => {
    const level = ruleLevel(rule.name, ctx.profile);
    const perResource = resources.flatMap((r) =>
      rule
        .checkResource(r, ctx)
        .map((message) => ({ rule: rule.name, level, resource: r.name, type: r.type, message })),
    );
    // Stack-level messages start with `name (type):` like the others; recover both for the finding.
    const stack = (rule.checkStack?.(resources, ctx) ?? []).map((message) => {
      const r = resources.find((x) => message.startsWith(`${x.name} (${x.type}):`));
      return { rule: rule.name, level, resource: r?.name ?? "the stack", type: r?.type ?? "", message };
    });
    return [...perResource, ...stack];
  });
}

/** What the Tenant spec alone shows cannot comply, each with the rule that says so. */
export function tenantFindings(ctx: RuleContext): (TenantFinding & { rule: RuleName })[] {
  return RULES.flatMap((rule) => rule.checkTenant(ctx).map((f) => ({ ...f, rule: rule.name })));
}
