// Mandatory policy violations of an update, read from the engine's policy events (structured: the
// pack, the rule, the resource's URN and the message) rather than scraped from the CLI's output.
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";

export interface PolicyViolation {
  readonly pack: string;
  readonly rule: string;
  /** `name (type)` of the resource, or "the stack" for a stack-level violation. */
  readonly resource: string;
  readonly message: string;
}

/** `urn:pulumi:stack::project::parent$type::name` → `name (type)`. */
export function resourceOfUrn(urn: string | undefined): string {
  if (!urn) return "the stack";
  const parts = urn.split("::");
  const name = parts.at(-1) ?? urn;
  const type = parts.at(-2)?.split("$").at(-1) ?? "";
  return type ? `${name} (${type})` : name;
}

/** Collects the mandatory violations seen in a stream of engine events. */
export function policyViolationCollector(): { onEvent(e: EngineEvent): void; violations: PolicyViolation[] } {
  const violations: PolicyViolation[] = [];
  return {
    violations,
    onEvent(e) {
      const p = e.policyEvent;
      if (p?.enforcementLevel !== "mandatory") return;
      violations.push({
        pack: p.policyPackName,
        rule: p.policyName,
        resource: resourceOfUrn(p.resourceUrn),
        message: p.message.trim(),
      });
    },
  };
}

/** An update the policy pack refused: nothing changed, and retrying cannot help until inputs do. */
export class PolicyViolationError extends Error {
  readonly violations: readonly PolicyViolation[];

  constructor(stack: string, violations: readonly PolicyViolation[], cause: unknown) {
    super(`stack ${stack} refused by policy: ${describeViolations(violations)}`, { cause });
    this.name = "PolicyViolationError";
    this.violations = violations;
  }
}

/**
 * `rule deletion-protection (pack) on db (type): message`, one per violation; the resource is not
 * repeated when the message already starts with it (the wspec rules' messages do).
 */
export function describeViolations(violations: readonly PolicyViolation[]): string {
  return violations
    .map((v) => {
      const name = v.resource.split(" (")[0] ?? v.resource;
      const where = v.message.startsWith(`${name} `) ? "" : ` on ${v.resource}`;
      return `rule ${v.rule} (${v.pack})${where}: ${v.message}`;
    })
    .join("; ");
}
