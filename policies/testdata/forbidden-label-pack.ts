// A one-rule pack for the launcher's integration test: dynamic resources may not carry the
// label named in the pack's configuration.
import { PolicyPack } from "@pulumi/policy";
import { z } from "zod";
import { readPolicyConfig } from "../config.ts";

const { forbidden } = z.object({ forbidden: z.string() }).parse(readPolicyConfig());

new PolicyPack("wspec-test-labels", {
  policies: [
    {
      name: "forbidden-label",
      description: "Resources must not carry the forbidden label.",
      enforcementLevel: "mandatory",
      validateResource: (args, reportViolation) => {
        const label: unknown = args.props.label;
        if (args.type === "pulumi-nodejs:dynamic:Resource" && label === forbidden) {
          reportViolation(
            `${args.name}: label "${String(label)}" is forbidden; use any label but "${forbidden}"`,
          );
        }
      },
    },
  ],
});
