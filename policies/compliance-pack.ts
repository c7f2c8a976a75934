// The compliance policy pack: one policy per rule, mandatory or advisory by the profile's
// frameworks, configured with the profile and tenant its launcher was built with
// (buildCompliancePack). Bundled by esbuild and run by the engine through run-policy-pack.
import { type Policies, PolicyPack, type PolicyResource, type ResourceValidationArgs } from "@pulumi/policy";
import { readPolicyConfig } from "./config.ts";
import { packContext } from "./pack-config.ts";
import { COMPLIANCE_PACK_NAME } from "./pack-name.ts";
import { ruleLevel } from "./rules/enforcement.ts";
import { RULES } from "./rules/rules.ts";
import type { RuleResource } from "./rules/types.ts";

const ctx = packContext(readPolicyConfig());

/** The engine's view of a resource (before it is created, or in the stack), as the rules read it. */
export function ruleResource(args: ResourceValidationArgs | PolicyResource): RuleResource {
  const dependencies =
    "propertyDependencies" in args
      ? Object.fromEntries(
          Object.entries(args.propertyDependencies).map(([k, rs]) => [k, rs.map((r) => r.name)]),
        )
      : undefined;
  return {
    type: args.type,
    name: args.name,
    props: args.props,
    protect: args.opts.protect,
    ...(args.provider ? { provider: { type: args.provider.type, props: args.provider.props } } : {}),
    ...(dependencies ? { dependencies } : {}),
  };
}

const policies: Policies = RULES.flatMap((rule) => {
  const enforcementLevel = ruleLevel(rule.name, ctx.profile);
  const perResource = {
    name: rule.name,
    description: rule.description,
    enforcementLevel,
    validateResource: (args: ResourceValidationArgs, reportViolation: (message: string) => void) => {
      for (const message of rule.checkResource(ruleResource(args), ctx)) reportViolation(message);
    },
  };
  const { checkStack } = rule;
  if (!checkStack) return [perResource];
  return [
    perResource,
    {
      name: `${rule.name}-stack`,
      description: `${rule.description} (what only the whole stack shows)`,
      enforcementLevel,
      validateStack: (args, reportViolation) => {
        const resources = args.resources.map(ruleResource);
        for (const message of checkStack(resources, ctx)) {
          const at = args.resources.find((r) => message.startsWith(`${r.name} (${r.type}):`));
          reportViolation(message, at?.urn);
        }
      },
    },
  ];
});

new PolicyPack(COMPLIANCE_PACK_NAME, {
  description: `Controls of ComplianceProfile ${ctx.profileName} (${ctx.profile.frameworks.join(", ")}) for a ${ctx.tenant.tier} tenant on ${ctx.tenant.cloud}`,
  policies,
});
